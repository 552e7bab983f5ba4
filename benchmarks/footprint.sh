#!/bin/sh
# Boot time and memory of the x0tta6bl4 distribution against vanilla Apache Karaf 4.4.10, booted
# alternately on this machine (FootprintBenchmark). Arguments go to the benchmark, for example:
#   benchmarks/footprint.sh --runs 3
#   benchmarks/footprint.sh --runs 1 --churn-minutes 10 --sizes 1000,2000,5000,10000
# Run it on a quiet machine: both distributions share its cores with nothing else.
set -eu
cd "$(dirname "$0")/.."
. ./.ci/java17

version=0.1.0-SNAPSHOT
ours="karaf-dist/target/x0tta6bl4-karaf-dist-$version.tar.gz"
vanilla="benchmarks/target/vanilla/apache-karaf-4.4.10.tar.gz"
jar="benchmarks/target/benchmarks.jar"
if [ ! -f "$ours" ] || [ ! -f "$jar" ]; then
    mvn -B -q -ntp -DskipTests -Dspotbugs.skip install -pl karaf-dist,benchmarks -am
fi
if [ ! -f "$vanilla" ]; then
    mvn -B -q -ntp dependency:copy -Dartifact=org.apache.karaf:apache-karaf:4.4.10:tar.gz \
        -DoutputDirectory=benchmarks/target/vanilla
fi
exec java -cp "$jar" io.x0tta6bl4.benchmarks.footprint.FootprintBenchmark \
    --ours "$ours" --vanilla "$vanilla" --work benchmarks/target/footprint "$@"
