/**
 * The software bill of materials of the running container: every bundle and every jar
 * embedded in one, with Maven coordinates where the manifest or an embedded {@code pom.properties}
 * gives them ({@code ManifestCoordinates}) and how sure that is ({@code Confidence}), plus the
 * parts that are no bundle ({@code Platform}: the Karaf release and the Java runtime).
 */
package io.x0tta6bl4.scanner.internal.sbom;
