package market.keeper.audit;

import java.util.List;
import java.util.Map;
import market.platform.web.Params;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads of the audit outcomes, by keeper and by dataset, oldest first. */
@RestController
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/v1/keepers/{account}/audits")
    Map<String, List<AuditLog.Entry>> ofKeeper(@PathVariable String account) {
        return Map.of("items", log.ofKeeper(Params.address("idfs_account", account)));
    }

    @GetMapping("/v1/data/{dataId}/audits")
    Map<String, List<AuditLog.Entry>> ofData(@PathVariable String dataId) {
        return Map.of("items", log.ofData(Params.positiveLong("data_id", dataId)));
    }
}
