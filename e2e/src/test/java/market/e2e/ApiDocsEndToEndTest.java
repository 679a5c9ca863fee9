package market.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import market.keeper.KeeperApplication;
import market.order.OrderApplication;
import market.registry.RegistryApplication;
import market.settlement.SettlementApplication;
import market.platform.testing.SignedHttp;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Each service's OpenAPI 3 document at {@code /v3/api-docs} lists exactly the routes the service
 * serves: every method and path its controllers map, and nothing else.
 */
class ApiDocsEndToEndTest extends EndToEndTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void theDocumentedRoutesAreExactlyTheRoutesServed() {
        record Service(Class<?> application, SignedHttp http) {}
        for (Service service : List.of(new Service(RegistryApplication.class, platform.registry()),
                new Service(SettlementApplication.class, platform.settlement()),
                new Service(OrderApplication.class, platform.order()),
                new Service(KeeperApplication.class, platform.keeper()))) {
            Set<String> served = served(platform.context(service.application())
                    .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
            JsonNode docs = service.http().get("/v3/api-docs").expect(200).json();
            assertThat(docs.get("openapi").stringValue()).startsWith("3.");
            Set<String> documented = new TreeSet<>();
            docs.get("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(method -> {
                if (HTTP_METHODS.contains(method)) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                }
            }));
            assertThat(served).as(service.application().getSimpleName()).isNotEmpty();
            assertThat(documented).as(service.application().getSimpleName()).isEqualTo(served);
        }
    }

    /** METHOD path of every controller route, but springdoc's own. */
    private static Set<String> served(RequestMappingHandlerMapping mapping) {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            info.getPatternsCondition().getPatterns().forEach(pattern -> {
                String path = pattern.getPatternString();
                if (path.startsWith("/v3/api-docs")) {
                    return;
                }
                assertThat(methods).as("a route for every method: " + path).isNotEmpty();
                methods.forEach(method -> routes.add(method.name() + " " + path));
            });
        }
        return routes;
    }
}
