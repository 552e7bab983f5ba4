package io.x0tta6bl4.scanner.internal.report;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import io.x0tta6bl4.scanner.internal.sbom.Coordinates;

import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;

/**
 * The container's bill of materials as CycloneDX 1.6 JSON, written by the CycloneDX Java
 * library: the Karaf release as a framework component and the Java runtime as a platform
 * component, then one library component per bundle (named by its own Maven coordinates when
 * known, else by its symbolic name), with the bundle's hashes, OSGi facts as properties, and
 * the jars embedded in it as nested components. Every coordinate carries
 * {@code x0tta6bl4:confidence} and {@code x0tta6bl4:provenance}: how it was derived.
 */
public final class CycloneDx {

    private CycloneDx() {
    }

    public static String json(List<io.x0tta6bl4.scanner.internal.sbom.Component> components, String toolVersion)
            throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Jackson inside the library looks up modules through the context class loader
        Thread.currentThread().setContextClassLoader(CycloneDx.class.getClassLoader());
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_16, bom(components, toolVersion)).toJsonString();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    static Bom bom(List<io.x0tta6bl4.scanner.internal.sbom.Component> components, String toolVersion) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        Metadata md = new Metadata();
        md.setTimestamp(new Date());
        Component root = new Component();
        root.setType(Component.Type.APPLICATION);
        root.setName("x0tta6bl4");
        root.setVersion(toolVersion);
        root.setBomRef("x0tta6bl4");
        md.setComponent(root);
        bom.setMetadata(md);
        List<Component> out = new ArrayList<>();
        for (io.x0tta6bl4.scanner.internal.sbom.Component c : components) {
            out.add(component(c));
        }
        bom.setComponents(out);
        return bom;
    }

    private static Component component(io.x0tta6bl4.scanner.internal.sbom.Component c) {
        Component cc = new Component();
        cc.setType(switch (c.kind()) {
            case io.x0tta6bl4.scanner.internal.sbom.Component.PLATFORM -> Component.Type.FRAMEWORK;
            case io.x0tta6bl4.scanner.internal.sbom.Component.RUNTIME -> Component.Type.PLATFORM;
            default -> Component.Type.LIBRARY;
        });
        cc.setBomRef(c.bundleId() >= 0 ? "bundle-" + c.bundleId() + ":" + c.symbolicName() + "@" + c.version()
                : c.kind() + ":" + c.symbolicName() + "@" + c.version());
        Coordinates own = c.coordinates().stream().filter(k -> !k.embedded()).findFirst().orElse(null);
        if (own != null) {
            cc.setGroup(own.groupId());
            cc.setName(own.artifactId());
            cc.setVersion(own.version());
            cc.setPurl(own.purl());
        } else {
            cc.setName(c.symbolicName());
            cc.setVersion(c.version());
        }
        if (c.sha1() != null) {
            cc.addHash(new Hash(Hash.Algorithm.SHA1, c.sha1()));
            cc.addHash(new Hash(Hash.Algorithm.SHA_256, c.sha256()));
        }
        List<Property> props = new ArrayList<>();
        if (c.bundleId() >= 0) {
            props.add(new Property("osgi:symbolicName", c.symbolicName()));
            props.add(new Property("osgi:version", c.version()));
            props.add(new Property("osgi:bundleId", Long.toString(c.bundleId())));
            props.add(new Property("osgi:state", c.state()));
            if (c.location() != null) {
                props.add(new Property("osgi:location", c.location()));
            }
        } else if (c.location() != null) {
            props.add(new Property("x0tta6bl4:path", c.location()));
        }
        c.properties().forEach((k, v) -> props.add(new Property("x0tta6bl4:" + k, v)));
        if (own != null) {
            provenance(props, own);
        }
        cc.setProperties(props);
        List<Component> nested = new ArrayList<>();
        for (Coordinates k : c.coordinates()) {
            if (k == own) {
                continue;
            }
            Component e = new Component();
            e.setType(Component.Type.LIBRARY);
            e.setBomRef(cc.getBomRef() + "/" + k.gav());
            e.setGroup(k.groupId());
            e.setName(k.artifactId());
            e.setVersion(k.version());
            e.setPurl(k.purl());
            List<Property> ep = new ArrayList<>();
            if (k.embedded()) {
                ep.add(new Property("osgi:embeddedAs", k.origin()));
            }
            provenance(ep, k);
            e.setProperties(ep);
            nested.add(e);
        }
        if (!nested.isEmpty()) {
            cc.setComponents(nested);
        }
        return cc;
    }

    /** How the coordinate was derived and how sure it is, for a reader of the BOM. */
    private static void provenance(List<Property> props, Coordinates k) {
        props.add(new Property("x0tta6bl4:confidence", k.confidence().label()));
        props.add(new Property("x0tta6bl4:provenance", k.provenance()));
    }
}
