package io.x0tta6bl4.batman.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.x0tta6bl4.api.respondd.RespondProvider;

/**
 * batman-adv's part of the respondd replies, from what the provider's poller thread read last
 * ({@link RespondPartReader}): it goes with the batman-adv provider. Ranked above the system
 * facts, so the node id is the primary MAC's, as on a Gluon node.
 */
@Component(service = RespondProvider.class,
        property = {RespondProvider.TYPES + "=" + RespondProvider.NODEINFO,
                RespondProvider.TYPES + "=" + RespondProvider.STATISTICS,
                RespondProvider.TYPES + "=" + RespondProvider.NEIGHBOURS})
public final class BatmanRespondProvider implements RespondProvider {

    private final BatmanAdmin admin;

    @Activate
    public BatmanRespondProvider(@Reference BatmanAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Map<String, Object> provide(String type) {
        return admin.respondPart().part(type);
    }
}
