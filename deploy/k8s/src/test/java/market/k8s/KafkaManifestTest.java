package market.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import market.platform.runtime.TopicPolicy;
import market.schemas.Topic;
import market.schemas.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests, rendered by {@code kubectl kustomize} for each overlay and read with
 * fabric8's Kubernetes model (Strimzi's kinds as generic resources): a {@code KafkaTopic} for
 * exactly the catalog's topics with {@link TopicPolicy}'s partitions and configs; a
 * {@code KafkaUser} per service whose ACLs let it, and only it, write the topics it owns; each
 * service a StatefulSet whose pod name is its instance id, with the actuator's probes, no topic
 * creation and SCRAM to the brokers; every Secret and ConfigMap a pod reads declared (or written
 * by Strimzi's User Operator for a KafkaUser); egress policies for every pod; and in prod three
 * pods per service, spread over nodes, with disruption budgets; and the explorer a Deployment whose
 * KafkaUser may only read. Without {@code kubectl} the test
 * is skipped, unless {@code MARKET_REQUIRE_KUBECTL} is set (CI sets it).
 */
class KafkaManifestTest {

    private static final Path K8S = Path.of(System.getProperty("user.dir"));
    private static final List<String> SERVICES = List.of(Topics.REGISTRY, Topics.SETTLEMENT, Topics.ORDER,
            Topics.KEEPER);
    private static final int PARTITIONS = 3;
    private static final String HEADER = """
            # Generated from the topic catalog (market.schemas.Topics) and market.platform.runtime.TopicPolicy
            # by KafkaManifestTest, which fails when this file and they disagree and writes what it expects
            # to deploy/k8s/target/topics.yaml (copy it over this file). 3 partitions (market.partitions) for
            # keyed topics, 1 for dead letters and snapshots; 3 replicas (the dev overlay sets 1).
            """;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theOverlayRendersAndDeclaresWhatEveryServiceNeeds(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        int replicas = overlay.equals("prod") ? 3 : 1;

        assertThat(topics(objects)).isEqualTo(expectedTopics(overlay.equals("prod") ? 3 : 1));
        assertWritersOwnTheirTopics(objects);
        for (String service : SERVICES) {
            StatefulSet set = one(objects, StatefulSet.class, service + "-service");
            assertThat(set.getSpec().getReplicas()).as(service).isEqualTo(replicas);
            Container container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getArgs()).contains("--market.instance-id=$(POD_NAME)", "--market.create-topics=false",
                    "--market.kafka.connection[sasl.jaas.config]=$(KAFKA_SASL_JAAS_CONFIG)");
            EnvVar podName = env(container, "POD_NAME");
            assertThat(podName.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
            assertThat(env(container, "KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo(service);
            if (overlay.equals("prod")) {
                var term = set.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                        .getRequiredDuringSchedulingIgnoredDuringExecution().get(0);
                assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                assertThat(term.getLabelSelector().getMatchLabels())
                        .containsEntry("app.kubernetes.io/name", service + "-service");
                assertThat(one(objects, PodDisruptionBudget.class, service + "-service").getSpec().getMinAvailable()
                        .getIntVal()).isEqualTo(2);
            }
        }
        Deployment explorer = one(objects, Deployment.class, "explorer");
        Container page = explorer.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(page.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(env(page, "KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName()).isEqualTo("explorer");
        assertReadsOnly(objects, "explorer");
        StatefulSet nodes = one(objects, StatefulSet.class, "keeper-node");
        assertThat(nodes.getSpec().getVolumeClaimTemplates()).extracting(c -> c.getMetadata().getName())
                .containsExactly("data");
        assertReferencesAreDeclared(objects);
        assertEveryPodHasAnEgressPolicy(objects);
        assertThat(objects.stream().filter(o -> o.getKind().equals("Kafka")).count()).isEqualTo(1);
        assertThat(objects.stream().filter(o -> o.getKind().equals("KafkaNodePool")).count()).isEqualTo(1);
    }

    /** The KafkaTopics of the catalog: name to partitions, replicas and configs. */
    private static Map<String, String> expectedTopics(int replicas) throws IOException {
        Map<String, String> expected = new TreeMap<>();
        StringBuilder yaml = new StringBuilder(HEADER);
        for (Topic topic : Topics.all()) {
            TopicPolicy.Spec spec = TopicPolicy.of(topic, PARTITIONS);
            expected.put(spec.name(), spec.partitions() + "/" + replicas + "/" + new TreeMap<>(spec.configs()));
            yaml.append("---\napiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n  name: ")
                    .append(spec.name()).append("\n  labels:\n    strimzi.io/cluster: market\nspec:\n  topicName: ")
                    .append(spec.name()).append("\n  partitions: ").append(spec.partitions()).append("\n  replicas: 3\n")
                    .append("  config:\n");
            new TreeMap<>(spec.configs()).forEach((k, v) -> yaml.append("    ").append(k).append(": \"").append(v)
                    .append("\"\n"));
        }
        // what base/topics.yaml should hold, to copy over it when the catalog changes
        Files.createDirectories(K8S.resolve("target"));
        Files.writeString(K8S.resolve("target/topics.yaml"), yaml.toString());
        return expected;
    }

    private static Map<String, String> topics(List<HasMetadata> objects) {
        Map<String, String> found = new TreeMap<>();
        for (GenericKubernetesResource topic : generic(objects, "KafkaTopic")) {
            Map<String, Object> spec = map(topic.getAdditionalProperties().get("spec"));
            Map<String, String> config = new TreeMap<>();
            map(spec.get("config")).forEach((k, v) -> config.put(k, String.valueOf(v)));
            assertThat(spec.get("topicName")).isEqualTo(topic.getMetadata().getName());
            found.put(topic.getMetadata().getName(), spec.get("partitions") + "/" + spec.get("replicas") + "/" + config);
        }
        return found;
    }

    /** For every topic of the catalog, the users that may write it are exactly its writer's. */
    private static void assertWritersOwnTheirTopics(List<HasMetadata> objects) {
        List<GenericKubernetesResource> users = generic(objects, "KafkaUser");
        List<String> expected = new ArrayList<>(SERVICES);
        expected.add("explorer");
        assertThat(users).extracting(u -> u.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(expected);
        for (Topic topic : Topics.all()) {
            Set<String> writers = new TreeSet<>();
            for (GenericKubernetesResource user : users) {
                Map<String, Object> spec = map(user.getAdditionalProperties().get("spec"));
                assertThat(map(spec.get("authentication")).get("type")).isEqualTo("scram-sha-512");
                for (Object item : (List<?>) map(spec.get("authorization")).get("acls")) {
                    Map<String, Object> acl = map(item);
                    Map<String, Object> resource = map(acl.get("resource"));
                    if (resource.get("type").equals("topic") && ((List<?>) acl.get("operations")).contains("Write")
                            && matches(resource, topic.name())) {
                        writers.add(user.getMetadata().getName());
                    }
                }
            }
            assertThat(writers).as("who writes " + topic.name()).containsExactly(topic.writer());
        }
    }

    /** The KafkaUser {@code name} may read and describe, and nothing more. */
    private static void assertReadsOnly(List<HasMetadata> objects, String name) {
        GenericKubernetesResource user = generic(objects, "KafkaUser").stream()
                .filter(u -> u.getMetadata().getName().equals(name)).findFirst().orElseThrow();
        for (Object item : (List<?>) map(map(user.getAdditionalProperties().get("spec")).get("authorization")).get("acls")) {
            List<String> operations = ((List<?>) map(item).get("operations")).stream().map(String::valueOf).toList();
            assertThat(operations).as(name + "'s ACL " + item).isSubsetOf("Read", "Describe");
        }
    }

    /** Each workload's pod template, StatefulSets' and Deployments', by the workload's name. */
    private static Map<String, PodTemplateSpec> podTemplates(List<HasMetadata> objects) {
        Map<String, PodTemplateSpec> templates = new TreeMap<>();
        typed(objects, StatefulSet.class).forEach(set -> templates.put(set.getMetadata().getName(),
                set.getSpec().getTemplate()));
        typed(objects, Deployment.class).forEach(deployment -> templates.put(deployment.getMetadata().getName(),
                deployment.getSpec().getTemplate()));
        return templates;
    }

    private static boolean matches(Map<String, Object> resource, String topic) {
        String name = (String) resource.get("name");
        return "prefix".equals(resource.get("patternType")) ? topic.startsWith(name) : topic.equals(name);
    }

    /** Every Secret and ConfigMap key a container reads exists, or is a KafkaUser's Secret. */
    private static void assertReferencesAreDeclared(List<HasMetadata> objects) {
        Set<String> users = generic(objects, "KafkaUser").stream().map(u -> u.getMetadata().getName())
                .collect(Collectors.toSet());
        for (PodTemplateSpec template : podTemplates(objects).values()) {
            for (Container container : template.getSpec().getContainers()) {
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var secret = env.getValueFrom().getSecretKeyRef();
                    if (secret != null) {
                        if (users.contains(secret.getName())) {
                            // the User Operator writes password and sasl.jaas.config
                            assertThat(secret.getKey()).isIn("password", "sasl.jaas.config");
                        } else {
                            Secret declared = one(objects, Secret.class, secret.getName());
                            assertThat(keys(declared.getStringData(), declared.getData())).as(env.getName())
                                    .contains(secret.getKey());
                        }
                    }
                    var config = env.getValueFrom().getConfigMapKeyRef();
                    if (config != null) {
                        assertThat(one(objects, ConfigMap.class, config.getName()).getData()).as(env.getName())
                                .containsKey(config.getKey());
                    }
                }
            }
        }
    }

    private static void assertEveryPodHasAnEgressPolicy(List<HasMetadata> objects) {
        List<NetworkPolicy> policies = typed(objects, NetworkPolicy.class);
        for (Map.Entry<String, PodTemplateSpec> workload : podTemplates(objects).entrySet()) {
            Map<String, String> labels = workload.getValue().getMetadata().getLabels();
            boolean limited = policies.stream().anyMatch(p -> p.getSpec().getPolicyTypes().contains("Egress")
                    && p.getSpec().getPodSelector().getMatchLabels() != null
                    && labels.entrySet().containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet()));
            assertThat(limited).as("an egress policy selects " + workload.getKey()).isTrue();
        }
    }

    private static List<HasMetadata> render(String overlay) throws Exception {
        Path dir = K8S.resolve("overlays").resolve(overlay);
        boolean required = System.getenv("MARKET_REQUIRE_KUBECTL") != null;
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            if (required) {
                throw new AssertionError("kubectl is needed to render " + dir + ": " + e.getMessage());
            }
            assumeThat(false).as("kubectl is not installed; skipping the manifest test").isTrue();
            throw e;
        }
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as("kubectl kustomize " + dir + ": " + errors).isZero();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---$")) {
            if (!document.isBlank()) {
                objects.add(Serialization.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }

    private static <T extends HasMetadata> List<T> typed(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> found = typed(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
        return found.get(0);
    }

    private static List<GenericKubernetesResource> generic(List<HasMetadata> objects, String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).map(o -> (GenericKubernetesResource) o).toList();
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getName()));
    }

    private static Set<String> keys(Map<String, String> stringData, Map<String, String> data) {
        Set<String> keys = new TreeSet<>();
        if (stringData != null) {
            keys.addAll(stringData.keySet());
        }
        if (data != null) {
            keys.addAll(data.keySet());
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
