package dev.cimatrix.discover.remote;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET requests to a JSON REST API (GitHub's, GitLab's), with the limits a settings read needs: a timeout per
 * request, answers of at most {@link #MAX_BODY_BYTES}, at most {@link #MAX_PAGES} pages of a listing, and no link
 * followed to another server. The token goes in the headers the caller gives and in no message.
 */
public final class RestApi {
    /** A larger answer is not a settings document; reading stops there. */
    static final int MAX_BODY_BYTES = 8 << 20;
    /** Listings are read a hundred to a page; settings have a few entries. */
    static final int MAX_PAGES = 10;
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final URI api;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param api     the API's base URL
     * @param headers sent with every request (the token's among them)
     * @param timeout how long one request may take, connecting included
     */
    public RestApi(URI api, Map<String, String> headers, Duration timeout) {
        String base = api.toString();
        this.api = URI.create(base.endsWith("/") ? base : base + "/");
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI uri() {
        return api;
    }

    /** Why the settings could not be read at all: the message names the request and what came back. */
    public static final class FetchException extends Exception {
        public FetchException(String message) {
            super(message);
        }
    }

    /** A part of the settings the token may not read: recorded as unknown, with why. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** One answer of the API. */
    record Answer(URI uri, int status, JsonNode body, String message, Map<String, List<String>> headers) {
        /** The body of a successful answer; otherwise why the thing asked for cannot be read, as an error. */
        JsonNode require(String what, String tokenVariables) throws FetchException {
            if (status == 200) {
                return body;
            }
            throw new FetchException(switch (status) {
                case 401 -> "the API refused the token (" + uri + " answered 401" + said() + "); set " + tokenVariables
                        + " to a valid token";
                case 404 -> what + " was not found, or the token cannot see it (" + uri + " answered 404)";
                default -> why("");
            });
        }

        /** What went wrong, for a snapshot's {@code unknown} or an error; the hint is added to a 403 or 404. */
        String why(String hint) {
            String limit = rateLimit();
            if (limit != null) {
                return "GET " + uri + " answered " + status + ": " + limit;
            }
            return "GET " + uri + " answered " + status + said()
                    + (hint.isEmpty() || (status != 403 && status != 404) ? "" : " (" + hint + ")");
        }

        private String said() {
            return message.isEmpty() ? "" : " \"" + message + "\"";
        }

        /**
         * The rate limit's reset time, when the answer says the limit is spent: GitHub's {@code x-ratelimit-*} headers
         * on a 403 or 429, GitLab's {@code ratelimit-reset} on a 429.
         */
        private String rateLimit() {
            boolean spent = (status == 403 || status == 429) && "0".equals(header("x-ratelimit-remaining"))
                    || status == 429;
            if (!spent) {
                return null;
            }
            String reset = Optional.ofNullable(header("x-ratelimit-reset")).orElse(header("ratelimit-reset"));
            String at = "";
            try {
                at = reset == null ? "" : " until " + Instant.ofEpochSecond(Long.parseLong(reset.strip()));
            } catch (NumberFormatException e) {
                // The time is left out.
            }
            return "the API rate limit is spent" + at + "; a token raises the limit";
        }

        private String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The next page's URL, from the {@code Link} header. */
        String next() {
            String link = header("link");
            if (link == null) {
                return null;
            }
            Matcher m = NEXT_LINK.matcher(link);
            return m.find() ? m.group(1) : null;
        }
    }

    /** How a part of the settings is read; {@link Unreadable} when the token may not read it. */
    @FunctionalInterface
    interface Part {
        Object read() throws FetchException, Unreadable;
    }

    /** What an item of a listing becomes in the snapshot; null leaves it out. */
    @FunctionalInterface
    interface Entry {
        Object of(JsonNode item) throws FetchException, Unreadable;
    }

    /** Reads a part into the document under {@code key}, or, when the token may not read it, says why in {@code unknown}. */
    static void put(Map<String, Object> document, Map<String, String> unknown, String key, Part part)
            throws FetchException {
        try {
            document.put(key, part.read());
        } catch (Unreadable e) {
            unknown.put(key, e.getMessage());
        }
    }

    /** The given keys of an object the API answers at {@code path}. */
    Map<String, Object> object(String path, String hint, String... keys) throws FetchException, Unreadable {
        Answer answer = get(path);
        if (answer.status() != 200) {
            throw new Unreadable(answer.why(hint));
        }
        return fields(answer.body(), keys);
    }

    /** The entries a listing's items become, page after page ({@link #pages}). */
    List<Object> listing(String first, Function<JsonNode, JsonNode> items, String hint, Entry entry)
            throws FetchException, Unreadable {
        List<Object> out = new ArrayList<>();
        for (JsonNode item : pages(first, items, hint)) {
            Object made = entry.of(item);
            if (made != null) {
                out.add(made);
            }
        }
        return out;
    }

    /**
     * The items of a listing, page after page as its {@code Link} header leads, up to {@link #MAX_PAGES} pages.
     *
     * @param items where a page's body holds its items
     * @param hint  added to a 403 or 404 that makes the listing unreadable
     */
    List<JsonNode> pages(String first, Function<JsonNode, JsonNode> items, String hint) throws FetchException, Unreadable {
        List<JsonNode> out = new ArrayList<>();
        String next = first;
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            Answer answer = get(next);
            if (answer.status() != 200) {
                throw new Unreadable(answer.why(hint));
            }
            items.apply(answer.body()).values().forEach(out::add);
            next = answer.next();
        }
        return out;
    }

    /** Makes one GET request; a network failure or an answer that is not JSON stops the read. */
    Answer get(String pathOrUrl) throws FetchException {
        URI uri = pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? URI.create(pathOrUrl)
                : api.resolve(pathOrUrl);
        if (!sameOrigin(uri)) {
            throw new FetchException("the API sent a link to another server (" + uri + "); not followed");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("User-Agent", "cimatrix");
        headers.forEach(request::header);
        HttpResponse<InputStream> response;
        byte[] bytes;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            }
        } catch (HttpTimeoutException e) {
            throw new FetchException("GET " + uri + " took longer than " + timeout.toSeconds() + " s; try again, or "
                    + "give more time with --timeout");
        } catch (IOException e) {
            throw new FetchException("could not reach " + uri + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while reading " + uri);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new FetchException("GET " + uri + " answered with more than " + (MAX_BODY_BYTES >> 20)
                    + " MiB, which is not a settings answer; not read");
        }
        JsonNode body;
        try {
            body = bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
        } catch (JacksonException e) {
            if (response.statusCode() == 200) {
                throw new FetchException("GET " + uri + " answered with something other than JSON; is " + api
                        + " the API?");
            }
            body = JSON.nullNode();
        }
        String message = Optional.ofNullable(body.get("message")).filter(JsonNode::isString).map(JsonNode::asString)
                .orElse("");
        return new Answer(uri, response.statusCode(), body, message, response.headers().map());
    }

    /**
     * A URL without the credentials it may carry: user information and the values of query parameters become
     * {@code ***}; scheme, host, port and path stay, so a reader still sees where it leads.
     */
    static String maskedUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return url.isBlank() ? url : "***";
            }
            StringBuilder out = new StringBuilder(uri.getScheme()).append("://");
            if (uri.getRawUserInfo() != null) {
                out.append("***@");
            }
            out.append(uri.getHost() == null ? "***" : uri.getHost());
            if (uri.getPort() >= 0) {
                out.append(':').append(uri.getPort());
            }
            if (uri.getRawPath() != null) {
                // Chat services put the secret in the path (…/services/T0/B0/<secret>).
                StringBuilder path = new StringBuilder();
                for (String segment : uri.getRawPath().split("/", -1)) {
                    path.append(path.isEmpty() && segment.isEmpty() ? "" : "/").append(looksSecret(segment) ? "***" : segment);
                }
                out.append(path);
            }
            if (uri.getRawQuery() != null) {
                List<String> parameters = new ArrayList<>();
                for (String parameter : uri.getRawQuery().split("&")) {
                    int equals = parameter.indexOf('=');
                    parameters.add(equals < 0 ? parameter : parameter.substring(0, equals) + "=***");
                }
                out.append('?').append(String.join("&", parameters));
            }
            return out.toString();
        } catch (java.net.URISyntaxException e) {
            return "***";
        }
    }

    /** A path segment long and mixed enough to be a token rather than a name. */
    private static boolean looksSecret(String segment) {
        return segment.length() >= 16 && segment.chars().anyMatch(Character::isDigit)
                && segment.chars().anyMatch(Character::isLetter);
    }

    /** Why a connection failed, in words: the JDK's exceptions often carry no message. */
    static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "the host name does not resolve";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "the TLS handshake failed (" + t.getMessage() + ")";
            }
        }
        if (e instanceof java.net.ConnectException) {
            return "the connection was refused or the host is unreachable";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private boolean sameOrigin(URI uri) {
        return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(api.getScheme())
                && uri.getHost() != null && uri.getHost().equalsIgnoreCase(api.getHost()) && uri.getPort() == api.getPort();
    }

    /** A path segment as the API takes it: '/' in a branch name or a project path encoded. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The given keys of a JSON object, as plain values, in that order, where present. */
    static Map<String, Object> fields(JsonNode from, String... keys) {
        Map<String, Object> to = new LinkedHashMap<>();
        copy(from, to, keys);
        return to;
    }

    /** Copies the given keys of a JSON object, as plain values, where present. */
    static void copy(JsonNode from, Map<String, Object> to, String... keys) {
        for (String key : keys) {
            if (from.has(key)) {
                to.put(key, plain(from.get(key)));
            }
        }
    }

    /** A JSON value as plain maps, lists and scalars, without the API's own links ({@code url}, {@code *_url}). */
    static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!e.getKey().equals("url") && !e.getKey().endsWith("_url") && !e.getKey().equals("_links")) {
                    map.put(e.getKey(), plain(e.getValue()));
                }
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.values().forEach(v -> list.add(plain(v)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.isNull() ? null : node.asString();
    }

    /**
     * A snapshot: its header (what was read, from where, when, by what, and how to read it again) and the document
     * as block YAML, one value per line.
     *
     * @param what        such as {@code GitHub repository acme/widget}
     * @param readAgain   the command that reads it again
     * @param note        one more line for the reader, or empty
     * @param unknown     the parts that could not be read, with why; added to the document when there are any
     */
    String snapshot(String what, Instant now, String generator, String readAgain, String note,
                    Map<String, Object> document, Map<String, String> unknown) {
        if (!unknown.isEmpty()) {
            document.put("unknown", unknown);
        }
        // When the settings were read, for what depends on it (a secret's age): after the rest, as a footnote.
        document.put("read_at", now.truncatedTo(ChronoUnit.SECONDS).toString());
        return "# Settings of " + what + ", read from " + api + " on " + now.truncatedTo(ChronoUnit.SECONDS)
                + " by " + generator + ".\n"
                + "# A snapshot: scan it with the repository (cimatrix scan . THIS-FILE); read it again with\n"
                + "# `" + readAgain + "`." + (note.isEmpty() ? "" : " " + note) + "\n" + dump(document);
    }

    /** A snapshot document as block YAML, one value per line. */
    static String dump(Map<String, Object> document) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setIndicatorIndent(2).setIndentWithIndicator(true).setSplitLines(false).build();
        return new Dump(settings).dumpToString(document);
    }
}
