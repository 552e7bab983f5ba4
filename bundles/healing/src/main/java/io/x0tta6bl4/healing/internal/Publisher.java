package io.x0tta6bl4.healing.internal;

import java.util.Map;

/** Posts a healing event; EventAdmin in the bundle, a recorder in tests. */
@FunctionalInterface
interface Publisher {

    Publisher NONE = (topic, properties) -> { };

    void publish(String topic, Map<String, Object> properties);
}
