package dev.cimatrix.detect;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.base.ParserBase;

/**
 * Streams one JSON object from a parser into the slots of an {@link EventRecord}: walks the field table's trie,
 * reads the values of referenced paths and skips every other subtree without decoding it. Objects inside arrays are
 * walked with the same trie position, so {@code a.b} finds {@code b} in every element of an array {@code a}.
 */
final class SlotReader {
    private final FieldTable.Node root;
    private final boolean keywords;
    /** Where the parser's offset 0 is in the input of the event being read (it may be before the input's start). */
    private long base;
    /** Whether plain strings are left for the event to make when read, rather than decoded at once. */
    private boolean lazy;
    /** The window the input is read through, whose end moves as the parser reads; null for an input read whole. */
    private DocumentWindow window;
    private byte[] input;

    SlotReader(FieldTable table) {
        this.root = table.root();
        this.keywords = table.keywordSearch();
    }

    /**
     * Reads the object whose START_OBJECT the parser has just returned, from {@code input} where the parser's
     * offset 0 is {@code base}. Plain ASCII strings at the rules' paths are left for the event to make when read.
     */
    void readObject(JsonParser p, EventRecord event, byte[] input, long base) {
        read(p, event, input, base, null);
    }

    /** As {@link #readObject(JsonParser, EventRecord, byte[], long)}, for an input read through a window. */
    void readObject(JsonParser p, EventRecord event, DocumentWindow window) {
        read(p, event, window.buffer(), window.base(), window);
    }

    private void read(JsonParser p, EventRecord event, byte[] input, long base, DocumentWindow window) {
        this.window = window;
        this.input = input;
        this.base = base;
        this.lazy = p instanceof ParserBase && !keywords;
        event.input(input);
        walkObject(p, root, event);
    }

    private void walkObject(JsonParser p, FieldTable.Node node, EventRecord event) {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            FieldTable.Node child = node.child(p.currentName());
            JsonToken value = p.nextToken();
            if (child != null) {
                readValue(p, value, child, event);
            } else if (keywords) {
                collect(p, value, event);
            } else {
                p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected " + t + " in an object");
        }
    }

    private void readValue(JsonParser p, JsonToken t, FieldTable.Node node, EventRecord event) {
        switch (t) {
            case START_OBJECT -> {
                if (node.slot >= 0) {
                    event.add(node.slot, EventRecord.CONTAINER);
                }
                if (!node.isLeaf()) {
                    walkObject(p, node, event);
                } else if (keywords) {
                    collect(p, t, event);
                } else {
                    p.skipChildren();
                }
            }
            case START_ARRAY -> {
                JsonToken element;
                boolean empty = true;
                while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
                    empty = false;
                    readValue(p, element, node, event);
                }
                if (empty && node.slot >= 0) {
                    event.add(node.slot, EventRecord.CONTAINER);
                }
            }
            case VALUE_NULL -> {
                if (node.slot >= 0) {
                    event.add(node.slot, EventRecord.JSON_NULL);
                }
            }
            case VALUE_STRING -> {
                if (!lazy) {
                    scalar(p, node, event);
                } else if (node.slot >= 0
                        // The token's offset is noted once its first byte, the opening quote, has been read.
                        && !event.addUnread(node.slot, (int) (base + ((ParserBase) p).getTokenCharacterOffset() - 1),
                                window == null ? input.length : window.filledEnd())) {
                    scalar(p, node, event);
                }
            }
            default -> scalar(p, node, event);
        }
    }

    /** A scalar read now: a number or boolean, or any string when all are needed at once. */
    private void scalar(JsonParser p, FieldTable.Node node, EventRecord event) {
        String text = p.getString();
        if (node.slot >= 0) {
            event.add(node.slot, text);
        }
        if (keywords) {
            event.addKeywordValue(text);
        }
    }

    /** Consumes a value no rule addresses by path, keeping its scalars for keyword searches. */
    private void collect(JsonParser p, JsonToken t, EventRecord event) {
        switch (t) {
            case START_OBJECT, START_ARRAY -> {
                int depth = 1;
                while (depth > 0) {
                    JsonToken next = p.nextToken();
                    if (next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY) {
                        depth++;
                    } else if (next == JsonToken.END_OBJECT || next == JsonToken.END_ARRAY) {
                        depth--;
                    } else if (next != JsonToken.PROPERTY_NAME && next != JsonToken.VALUE_NULL && next != null) {
                        event.addKeywordValue(p.getString());
                    } else if (next == null) {
                        return;
                    }
                }
            }
            case VALUE_NULL -> {
            }
            default -> event.addKeywordValue(p.getString());
        }
    }
}
