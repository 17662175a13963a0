package dev.cimatrix.report;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collection;
import java.util.function.Consumer;

/** The one JSON mapper of the report writers: two-space indentation, "\n" line ends, stable output. */
public final class Json {
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    /** The mapper's factory settings, except that closing a generator leaves the caller's writer open. */
    private static final JsonFactory STREAMS = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    /** What a generator of {@link #generator} asks for its pretty printer: a fresh one, as the printer keeps state. */
    private static final ObjectWriteContext PRETTY_CONTEXT = new ObjectWriteContext.Base() {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            return PRETTY.createInstance();
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    };

    private Json() {
    }

    /** Built on first use: writers that stream never load the mapper. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .defaultPrettyPrinter(PRETTY)
                .build();
    }

    public static ObjectMapper mapper() {
        return Mapper.MAPPER;
    }

    public static ObjectNode object() {
        return Mapper.MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return Mapper.MAPPER.createArrayNode();
    }

    public static ArrayNode strings(Collection<String> values) {
        ArrayNode array = array();
        values.forEach(array::add);
        return array;
    }

    /**
     * A generator that writes to {@code out} what {@link #pretty} writes for the same tree, for large outputs
     * written as they are produced rather than built as a tree first. Closing it flushes and leaves {@code out}
     * open; the caller writes the final newline.
     */
    public static JsonGenerator generator(Writer out) {
        return STREAMS.createGenerator(PRETTY_CONTEXT, out);
    }

    /** A generator of compact JSON, all on one line, for JSON Lines; closing it leaves {@code out} open. */
    public static JsonGenerator lineGenerator(Writer out) {
        return STREAMS.createGenerator(ObjectWriteContext.empty(), out);
    }

    /** Writes one document with {@code body} to {@code out}, then the final newline; {@code out} stays open. */
    public static void document(Writer out, Consumer<JsonGenerator> body) {
        try (JsonGenerator g = generator(out)) {
            body.accept(g);
        }
        try {
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pretty-printed text ending with a newline. */
    public static String pretty(JsonNode node) {
        return Mapper.MAPPER.writeValueAsString(node) + "\n";
    }

    /** A text property; null as JSON null, as a tree writes it. */
    public static void string(JsonGenerator g, String name, String value) {
        if (value == null) {
            g.writeNullProperty(name);
        } else {
            g.writeStringProperty(name, value);
        }
    }

    /** A number property; null as JSON null. */
    public static void number(JsonGenerator g, String name, Integer value) {
        if (value == null) {
            g.writeNullProperty(name);
        } else {
            g.writeNumberProperty(name, value);
        }
    }

    /** An array property of texts, nulls as JSON null. */
    public static void strings(JsonGenerator g, String name, Collection<String> values) {
        g.writeArrayPropertyStart(name);
        for (String value : values) {
            if (value == null) {
                g.writeNull();
            } else {
                g.writeString(value);
            }
        }
        g.writeEndArray();
    }
}
