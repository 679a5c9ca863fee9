package market.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/topics.md} and the catalog agree: every topic of {@link Topics#all()} is named
 * there, and every topic-like name it gives is one of them.
 */
class TopicsDocTest {

    private static final Pattern NAME = Pattern.compile(
            "`((?:registry|settlement|order|keeper)\\.[a-z.]+(?:-dlt)?)`");

    @Test
    void theTopicsReferenceNamesExactlyTheCatalogsTopics() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "topics.md"));
        java.util.Set<String> catalog = new java.util.TreeSet<>(Topics.all().stream().map(Topic::name).toList());
        java.util.Set<String> named = new java.util.TreeSet<>();
        Matcher m = NAME.matcher(doc);
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).as("topics docs/topics.md names").containsAll(catalog);
        assertThat(catalog).as("topics the catalog has").containsAll(named);
    }
}
