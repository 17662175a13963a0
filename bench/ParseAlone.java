import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline of bench/detect-throughput.sh: Jackson's streaming parser alone over a JSON Lines file, every token
 * read and nothing else done. Prints "events bytes" for the script.
 */
public final class ParseAlone {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long events = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), in)) {
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    if (depth++ == 0) {
                        events++;
                    }
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        }
        System.out.println(events + " " + Files.size(file));
    }
}
