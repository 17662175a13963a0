package dev.cimatrix.report.alerts;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of alert output: token-shaped text (GitHub, GitLab and Slack tokens, AWS key ids, JWTs, long
 * random strings) and the values of keys named like secrets are cut to a short prefix, enough to tell two tokens
 * apart when investigating but not to use one.
 */
public final class SecretMask {
    private static final Pattern TOKEN = Pattern.compile(String.join("|",
            "gh[pousr]_[A-Za-z0-9]{20,}",
            "github_pat_[A-Za-z0-9_]{20,}",
            "gl[a-z]{2,5}-[A-Za-z0-9_\\-]{20,}",
            "xox[abposr]-[A-Za-z0-9\\-]{10,}",
            "(?:AKIA|ASIA)[A-Z0-9]{16}",
            "eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}",
            "(?=[A-Za-z0-9+/_\\-]*[a-z])(?=[A-Za-z0-9+/_\\-]*[A-Z])(?=[A-Za-z0-9+/_\\-]*[0-9])"
                    + "[A-Za-z0-9+/_\\-]{32,}={0,2}"));
    private static final Set<String> SECRET_KEYS = Set.of("password", "passwd", "secret", "token", "authorization",
            "private_key", "privatekey", "client_secret", "clientsecret", "secretaccesskey", "secret_access_key",
            "sessiontoken", "session_token", "access_token", "accesstoken", "refresh_token", "apikey", "api_key");

    private SecretMask() {
    }

    /** The text with every token-shaped part masked. */
    public static String text(String text) {
        Matcher m = TOKEN.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(mask(m.group())));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
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

    private static String mask(String secret) {
        int keep = Math.min(4, secret.length() / 4);
        return secret.substring(0, keep) + "…[masked " + secret.length() + " chars]";
    }
}
