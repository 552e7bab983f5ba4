package io.x0tta6bl4.meshlab;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/** What a check kept in a class of its own needs from the running lab. */
interface LabContext {

    MeshLab lab();

    Report report();

    /** A Karaf shell command on the node; its output, or an exception when it exits non-zero. */
    String run(MeshLab.Node n, String command) throws IOException;

    JsonNode json(MeshLab.Node n, String command) throws IOException;

    /** A root shell script inside the kernel; its output. */
    String sh(String script) throws IOException, InterruptedException;

    /** Records a check's outcome; {@code problem} null when it held. */
    void outcome(String name, String problem, long t0, Duration limit, String peer);
}
