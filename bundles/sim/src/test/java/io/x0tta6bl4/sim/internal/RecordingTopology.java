package io.x0tta6bl4.sim.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;

/** Records every call, in order, with the thread that made it; can be told to fail reports. */
class RecordingTopology implements TopologyProviderService {

    record Report(String provider, List<NodeObservation> nodes, List<LinkObservation> links, String thread) {
    }

    final List<Object> calls = new CopyOnWriteArrayList<>();
    volatile RuntimeException failure;
    final CountDownLatch firstReport = new CountDownLatch(1);

    List<Report> reports() {
        List<Report> reports = new ArrayList<>();
        calls.stream().filter(Report.class::isInstance).map(Report.class::cast).forEach(reports::add);
        return reports;
    }

    Report lastReport() {
        List<Report> reports = reports();
        return reports.get(reports.size() - 1);
    }

    long withdrawals() {
        return calls.stream().filter(c -> c.equals("withdraw sim")).count();
    }

    @Override
    public void linksMeasured(String providerId, Collection<LinkObservation> links) {
        report(providerId, List.of(), links);
    }

    @Override
    public void report(String providerId, Collection<NodeObservation> nodes, Collection<LinkObservation> links) {
        RuntimeException fail = failure;
        if (fail != null) {
            throw fail;
        }
        calls.add(new Report(providerId, List.copyOf(nodes), List.copyOf(links), Thread.currentThread().getName()));
        firstReport.countDown();
    }

    @Override
    public void withdraw(String providerId) {
        calls.add("withdraw " + providerId);
    }

    @Override
    public void nodeSeen(String providerId, NodeObservation observation) {
        throw new UnsupportedOperationException("the simulator reports whole rounds");
    }

    @Override
    public void linkMeasured(String providerId, LinkObservation observation) {
        throw new UnsupportedOperationException("the simulator reports whole rounds");
    }

    @Override
    public void linkGone(String providerId, LinkId link) {
        throw new UnsupportedOperationException("the simulator reports whole rounds");
    }

    @Override
    public void nodeLost(String providerId, NodeId node, String reason) {
        calls.add("lost " + node + ": " + reason);
    }

    @Override
    public void nodeGone(String providerId, NodeId node) {
        throw new UnsupportedOperationException("the simulator reports whole rounds");
    }
}
