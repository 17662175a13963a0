package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.model.ActionRef;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The data of {@code analyze/cache-poisoning.yml}: which actions restore caches under which inputs, and what
 * publishes a release. Loaded once; a malformed file is a build error and fails loudly.
 */
final class CacheAwareActions {
    /** How an input switches caching. */
    enum Type { BOOLEAN, STRING, ONE_OF, CONTAINS }

    /**
     * An input that switches caching.
     *
     * @param declared when the input is not written, caching is on only if the repository's package.json declares
     *                 this package manager; null when the default does not depend on it
     */
    record Control(String input, Type type, List<String> values, boolean optOut, boolean onByDefault,
                   Integer sinceMajor, Integer belowMajor, String declared) {
    }

    record CacheAction(String uses, boolean all, List<Control> controls) {
    }

    /**
     * An action that publishes what the job built.
     *
     * @param when       an input that must be on for the step to publish, or null
     * @param unless     an input that, when on, keeps the step from publishing ({@code install-only}), or null
     * @param unlessArgs a pattern that, found in the {@code args} input, keeps it from publishing, or null
     */
    record Publisher(String uses, String when, String unless, Pattern unlessArgs) {
    }

    /** Declared before {@link #DATA}, whose loading reads versions with it. */
    static final CacheAwareActions DATA = load("cache-poisoning.yml");

    final List<CacheAction> cacheAware;
    final List<Publisher> publishers;
    /** Every publishing command in one alternation, so a script is searched once rather than once per command. */
    private final Pattern publishCommand;
    /** Words of which every publish command contains one. */
    private final List<String> publishWords;
    private final Map<String, CacheAction> cacheAwareByName;
    private final Map<String, Publisher> publishersByName;

    /** Actions that push to the repository: a branch or a pull request. */
    private final java.util.Set<String> repositoryPushers;

    private CacheAwareActions(List<CacheAction> cacheAware, List<Publisher> publishers, List<String> publishWords,
                              Pattern publishCommand, java.util.Set<String> repositoryPushers) {
        this.repositoryPushers = repositoryPushers;
        this.publishWords = publishWords;
        this.cacheAware = cacheAware;
        this.publishers = publishers;
        this.publishCommand = publishCommand;
        // Looked up for every step of every job: by name, the first entry of a name winning.
        this.cacheAwareByName = new HashMap<>();
        cacheAware.forEach(a -> cacheAwareByName.putIfAbsent(a.uses(), a));
        this.publishersByName = new HashMap<>();
        publishers.forEach(p -> publishersByName.putIfAbsent(p.uses(), p));
    }

    /** Whether a script runs a command that publishes. */
    boolean publishes(String script) {
        return TextSearch.containsAny(script, publishWords) && publishCommand.matcher(script).find();
    }

    /** Whether an action pushes what the job made to the repository ({@code peter-evans/create-pull-request}). */
    boolean pushesToRepository(String nameWithPath) {
        return repositoryPushers.contains(nameWithPath);
    }

    Optional<CacheAction> cacheAction(String nameWithPath) {
        return Optional.ofNullable(cacheAwareByName.get(nameWithPath));
    }

    Optional<Publisher> publisher(String nameWithPath) {
        return Optional.ofNullable(publishersByName.get(nameWithPath));
    }

    private static CacheAwareActions load(String file) {
        DataResource data = DataResource.load(file);
        try {
            List<CacheAction> cacheAware = data.entries("cache-aware").stream().map(CacheAwareActions::cacheAction).toList();
            List<Publisher> publishers = data.entries("publishers").stream()
                    .map(m -> new Publisher(name(m), (String) m.get("when"), (String) m.get("unless"),
                            m.get("unless-args") == null ? null : Pattern.compile((String) m.get("unless-args"))))
                    .toList();
            List<String> words = DataResource.texts(data.root(), "publish-words");
            List<String> patterns = DataResource.texts(data.root(), "publish-commands");
            for (String pattern : patterns) {
                if (words.stream().noneMatch(pattern::contains)) {
                    throw new IllegalStateException("cannot read data list " + file + ": publish command '" + pattern
                            + "' contains none of the publish words " + words);
                }
            }
            // A word boundary that starts every alternative is tested once per position rather than once
            // per alternative.
            boolean boundaryFirst = patterns.stream().allMatch(r -> r.startsWith("\\b"));
            String commands = patterns.stream()
                    .map(r -> "(?:" + Pattern.compile(boundaryFirst ? r.substring(2) : r).pattern() + ")")
                    .collect(java.util.stream.Collectors.joining("|", boundaryFirst ? "\\b(?:" : "(?:", ")"));
            return new CacheAwareActions(cacheAware, publishers, words, Pattern.compile(commands),
                    java.util.Set.copyOf(DataResource.texts(data.root(), "repository-pushers")));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalStateException("cannot read data list " + file + ": " + e, e);
        }
    }

    private static CacheAction cacheAction(Map<?, ?> entry) {
        List<?> controls = entry.get("controls") instanceof List<?> l ? l : List.of();
        return new CacheAction(name(entry), "all".equals(entry.get("combine")),
                controls.stream().map(c -> control((Map<?, ?>) c)).toList());
    }

    private static Control control(Map<?, ?> c) {
        List<?> values = c.get("values") instanceof List<?> l ? l : List.of();
        return new Control((String) c.get("input"),
                Type.valueOf(((String) c.get("type")).toUpperCase(Locale.ROOT).replace('-', '_')),
                values.stream().map(String::valueOf).toList(), Boolean.TRUE.equals(c.get("opt-out")),
                Boolean.TRUE.equals(c.get("default")), major((String) c.get("since-version")),
                major((String) c.get("below-version")), (String) c.get("if-declared"));
    }

    private static String name(Map<?, ?> entry) {
        return ((String) entry.get("uses")).toLowerCase(Locale.ROOT);
    }

    /** The major version of a tag such as {@code v6.1.0} or {@code 3.1.1}, or null for anything else. */
    static Integer major(String version) {
        return ActionRef.major(version).orElse(null);
    }
}
