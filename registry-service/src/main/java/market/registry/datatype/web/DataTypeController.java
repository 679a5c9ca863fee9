package market.registry.datatype.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import market.platform.ids.Ids;
import market.platform.web.ApiException;
import market.platform.web.CommandGateway;
import market.platform.web.JsonInput;
import market.platform.web.SignatureVerifier;
import market.registry.command.AddDataType;
import market.registry.datatype.view.DataTypeQueries;
import market.registry.datatype.view.DataTypeView;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** adddatatype and data type reads: signed request → {@code AddDataType} on {@code registry.commands} → view. */
@RestController
@RequestMapping("/v1/datatypes")
class DataTypeController {

    private static final Set<String> FIELDS = Set.of("datatype_name", "detail_fields_num", "detail_fields");

    private final SignatureVerifier verifier;
    private final CommandGateway gateway;
    private final DataTypeQueries queries;
    private final Clock clock;

    DataTypeController(SignatureVerifier verifier, CommandGateway gateway, DataTypeQueries queries, Clock clock) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.queries = queries;
        this.clock = clock;
    }

    @PostMapping
    Mono<ResponseEntity<DataTypeView>> add(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        SignatureVerifier.SignedRequest signed = verifier.verify(request, body);
        JsonInput json = JsonInput.object(body, FIELDS);
        String name = json.string("datatype_name");
        AddDataType command = new AddDataType(signed.signer(), signed.nonce(), clock.instant(),
                Ids.derive("datatype", signed.signer(), signed.nonce()), name, json.integer("detail_fields_num"),
                json.strings("detail_fields"));
        return gateway.send(name, command, signed).map(reply -> ResponseEntity.status(201).body(find(name)));
    }

    @GetMapping
    Map<String, List<DataTypeView>> list() {
        return Map.of("items", queries.all());
    }

    @GetMapping("/{name}")
    DataTypeView show(@PathVariable String name) {
        return find(name);
    }

    private DataTypeView find(String name) {
        return queries.find(name).orElseThrow(() ->
                ApiException.notFound("REGISTRY.DATATYPE_NOT_FOUND", "The data type does not exist"));
    }
}
