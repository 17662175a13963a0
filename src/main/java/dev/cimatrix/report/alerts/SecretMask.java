package dev.cimatrix.report.alerts;

import dev.cimatrix.detect.EventParsers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps secrets out of alert output: token-shaped text (GitHub, GitLab and Slack tokens, AWS key ids, JWTs, long
 * random-looking strings) and the values of keys named like secrets are cut to a short prefix, enough to tell two
 * tokens apart when investigating but not to use one.
 */
public final class SecretMask {
    /** Runs shorter than this are never masked: too short to be a credential. */
    private static final int MIN_TOKEN = 20;
    /** A run without a known prefix is masked only this long and with upper case, lower case and digits mixed. */
    private static final int MIN_RANDOM = 32;
    private static final String[] TOKEN_PREFIXES = {"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-",
        "gldt-", "glrt-", "glptt-", "gloas-", "glsoat-", "xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-"};
    private static final Set<String> SECRET_KEYS = Set.of("password", "passwd", "secret", "token", "authorization",
            "private_key", "privatekey", "client_secret", "clientsecret", "secretaccesskey", "secret_access_key",
            "sessiontoken", "session_token", "access_token", "accesstoken", "refresh_token", "apikey", "api_key");

    private SecretMask() {
    }

    /**
     * The text with every token-shaped part masked. A single pass over runs of token characters (letters, digits,
     * {@code _ - +}, base64 padding, and dots inside a JWT) rather than a regular expression, since every string of
     * every alert event goes through it.
     */
    public static String text(String text) {
        int n = text.length();
        if (n < MIN_TOKEN) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            if (!tokenChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean jwt = text.startsWith("eyJ", i);
            while (i < n && (tokenChar(text.charAt(i)) || (jwt && text.charAt(i) == '.'))) {
                i++;
            }
            while (i < n && i - start > 0 && text.charAt(i) == '=') {
                i++; // base64 padding belongs to the token
            }
            if (i - start >= MIN_TOKEN && looksSecret(text, start, i, jwt)) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, start).append(mask(text.substring(start, i)));
                copied = i;
            }
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    private static boolean tokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                || c == '+';
    }

    private static boolean looksSecret(String text, int start, int end, boolean jwt) {
        for (String prefix : TOKEN_PREFIXES) {
            if (text.startsWith(prefix, start)) {
                return true;
            }
        }
        if (jwt) {
            return text.substring(start, end).chars().filter(c -> c == '.').count() == 2;
        }
        if (end - start == 20 && (text.startsWith("AKIA", start) || text.startsWith("ASIA", start))) {
            return true;
        }
        if (end - start < MIN_RANDOM) {
            return false;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
            digit |= c >= '0' && c <= '9';
        }
        return lower && upper && digit;
    }

    /** A copy of a JSON value with secret-named keys and token-shaped strings masked. */
    public static JsonNode json(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (var entry : object.properties()) {
                JsonNode value = entry.getValue();
                boolean secretKey = SECRET_KEYS.contains(entry.getKey().toLowerCase(Locale.ROOT));
                copy.set(entry.getKey(), secretKey && value.isString()
                        ? StringNode.valueOf(mask(value.asString())) : json(value));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(element -> copy.add(json(element)));
            return copy;
        }
        if (node.isString()) {
            return StringNode.valueOf(text(node.asString()));
        }
        return node;
    }

    /**
     * Writes the JSON text of one event masked as {@link #json} would, token by token from a parser: alert events
     * are copied without building a tree. Returns false, having written nothing, when the text is not a single JSON
     * value or repeats a key in an object (a tree keeps only the last value of a repeated key, so such events take
     * the tree path).
     */
    static boolean copyMasked(String jsonText, JsonGenerator g) {
        // Parsed as UTF-8 bytes by the factory events are read with: its parser code and symbol table are warm.
        byte[] bytes = jsonText.getBytes(StandardCharsets.UTF_8);
        if (!oneValueWithoutRepeatedKeys(bytes)) {
            return false;
        }
        try (JsonParser p = EventParsers.open(bytes, 0, bytes.length)) {
            copyTokens(p, g);
        }
        return true;
    }

    /**
     * Whether the text is one JSON value in which no object repeats a key. The keys are compared here rather than by
     * the parser's own duplicate detection: parsers with it take paths through the parser code that reading never
     * took, and over a large log the JVM threw that compiled code away and compiled it again for the report.
     */
    private static boolean oneValueWithoutRepeatedKeys(byte[] bytes) {
        try (JsonParser p = EventParsers.open(bytes, 0, bytes.length)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return false;
            }
            ArrayDeque<Set<String>> keysOfOpenObjects = new ArrayDeque<>();
            int depth = 0;
            do {
                switch (t) {
                    case START_OBJECT -> {
                        keysOfOpenObjects.push(new HashSet<>());
                        depth++;
                    }
                    case END_OBJECT -> {
                        keysOfOpenObjects.pop();
                        depth--;
                    }
                    case START_ARRAY -> depth++;
                    case END_ARRAY -> depth--;
                    case PROPERTY_NAME -> {
                        if (!keysOfOpenObjects.peek().add(p.currentName())) {
                            return false;
                        }
                    }
                    default -> { }
                }
            } while (depth > 0 && (t = p.nextToken()) != null);
            return depth == 0 && p.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** Copies one value, a loop over its tokens with a depth count. */
    private static void copyTokens(JsonParser p, JsonGenerator g) {
        boolean secretKey = false;
        int depth = 0;
        do {
            JsonToken t = p.nextToken();
            switch (t) {
                case START_OBJECT -> {
                    g.writeStartObject();
                    depth++;
                }
                case START_ARRAY -> {
                    g.writeStartArray();
                    depth++;
                }
                case END_OBJECT -> {
                    g.writeEndObject();
                    depth--;
                }
                case END_ARRAY -> {
                    g.writeEndArray();
                    depth--;
                }
                case PROPERTY_NAME -> {
                    String name = p.currentName();
                    g.writeName(name);
                    // Only the value right after the name is masked whole; the flag is cleared by the next token.
                    secretKey = SECRET_KEYS.contains(name.toLowerCase(Locale.ROOT));
                    continue;
                }
                case VALUE_STRING -> g.writeString(secretKey ? mask(p.getString()) : text(p.getString()));
                case VALUE_NUMBER_INT -> {
                    switch (p.getNumberType()) {
                        case INT -> g.writeNumber(p.getIntValue());
                        case LONG -> g.writeNumber(p.getLongValue());
                        default -> g.writeNumber(p.getBigIntegerValue());
                    }
                }
                case VALUE_NUMBER_FLOAT -> g.writeNumber(p.getDoubleValue());
                case VALUE_TRUE -> g.writeBoolean(true);
                case VALUE_FALSE -> g.writeBoolean(false);
                case VALUE_NULL -> g.writeNull();
                default -> throw new IllegalStateException("unexpected " + t);
            }
            secretKey = false;
        } while (depth > 0);
    }

    private static String mask(String secret) {
        int keep = Math.min(4, secret.length() / 4);
        return secret.substring(0, keep) + "…[masked " + secret.length() + " chars]";
    }
}
