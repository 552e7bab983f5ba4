package io.x0tta6bl4.batman.internal;

import java.util.List;

/** What test backends do not serve: empty tables, and every write refused unless overridden. */
abstract class StubBackend implements BatmanBackend {

    @Override
    public List<Gateway> gateways() {
        return List.of();
    }

    @Override
    public List<TranslationEntry> globalTranslations() {
        return List.of();
    }

    @Override
    public List<TranslationEntry> localTranslations() throws java.io.IOException {
        return List.of();
    }

    @Override
    public void createMesh(String algorithm) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addInterface(String hardInterface) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeInterface(String hardInterface) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setOrigInterval(long intervalMs) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setHopPenalty(HardInterface hard, int penalty) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setThroughputOverride(HardInterface hard, long override) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setGatewayMode(GatewayMode mode) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
