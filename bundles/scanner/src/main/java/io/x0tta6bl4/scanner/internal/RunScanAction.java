package io.x0tta6bl4.scanner.internal;

import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.healing.ActionRequest;
import io.x0tta6bl4.api.healing.ActionResult;
import io.x0tta6bl4.api.healing.RemediationAction;
import io.x0tta6bl4.api.scanner.ScanReport;
import io.x0tta6bl4.api.scanner.ScannerService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The healing loop's "run a scan" action: a full scan, so an incident about a vulnerability
 * or a misconfiguration is looked at again with current data. Informational (nothing is
 * changed), so the loop does not verify it.
 */
@Component(service = RemediationAction.class, property = {
    RemediationAction.NAME + "=" + RunScanAction.NAME,
    RemediationAction.KINDS + "=" + HealthKinds.VULNERABILITY,
    RemediationAction.KINDS + "=" + HealthKinds.MISCONFIGURATION,
    RemediationAction.DISRUPTIVE + ":Boolean=false",
    RemediationAction.APPROVAL + ":Boolean=false",
    RemediationAction.VERIFY + ":Boolean=false"})
public class RunScanAction implements RemediationAction {

    public static final String NAME = "run-scan";

    private final ScannerService scanner;

    @Activate
    public RunScanAction(@Reference ScannerService scanner) {
        this.scanner = scanner;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws Exception {
        ScanReport r = scanner.scan(null);
        long about = r.findings().stream().filter(f -> f.subject().equals(request.subject())).count();
        String line = "scan: " + r.findings().size() + " findings in " + r.durationMs() + " ms, " + about
                + " about " + request.subject();
        return r.errors().isEmpty() ? ActionResult.succeeded(line) : ActionResult.failed(line + "; failed: " + r.errors());
    }
}
