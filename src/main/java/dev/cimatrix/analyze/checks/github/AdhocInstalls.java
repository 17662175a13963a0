package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.github.RepoExecutors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds, in the text of a {@code run:} script, packages installed by name from a public registry rather than from
 * the project's lock file: {@code pip install requests}, {@code npm install -g some-cli}, {@code gem install rake},
 * {@code cargo install cross}, {@code go install x@latest}, {@code dotnet tool install -g y}. Each install is read
 * with the options of its package manager, so that an option's value is not taken for a package, and each package
 * is told apart as named without an exact version (the registry's newest matching release is taken when the step
 * runs) or with one.
 *
 * <p>Not installs by name, and not matched: lock-file and requirements installs ({@code npm ci}, {@code npm install}
 * with no package, {@code pip install -r}, with {@code -c} constraints or {@code --require-hashes}), local paths and
 * archives ({@code pip install .}, {@code npm install ./pkg.tgz}), a package manager upgrading itself
 * ({@code pip install -U pip}, {@code npm install -g npm}), packages whose name is a variable, and the system's
 * package managers (apt, brew, choco…), whose packages come from curated repositories rather than from anyone who
 * publishes a name. Runners of a
 * package without installing it ({@code npx}, {@code uvx}, {@code pipx run}) are left out too: npx runs the
 * project's own copy when there is one.
 */
final class AdhocInstalls {
    /** Where a package manager takes named packages from, as a message says it. */
    enum Registry {
        PYPI("PyPI"), NPM("the npm registry"), RUBYGEMS("RubyGems"), CRATES("crates.io"), NUGET("NuGet"),
        GO_PROXY("the Go module proxy");

        private final String label;

        Registry(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * One install command: its span in the script, the package manager as the message names it, the registry, the
     * packages named without an exact version and those named with one (their dependencies still resolve afresh).
     */
    record Install(int start, int end, String tool, Registry registry, List<String> floating, List<String> pinned,
                   Index index) {
        /** The floating packages that name a Git repository (its default branch or a branch) rather than a release. */
        List<String> fromGit() {
            return floating.stream().filter(AdhocInstalls::gitSource).toList();
        }

        /** Where the named packages come from, for a message. */
        String source() {
            return index == null ? registry.label() : index.label(registry);
        }

        /** The floating packages that the registry resolves. */
        List<String> fromRegistry() {
            return floating.stream().filter(p -> !gitSource(p)).toList();
        }
    }

    /**
     * The indexes a command names, by host: {@code primary} instead of its registry's own ({@code --index-url},
     * {@code -i}, npm's {@code --registry}), {@code extra} besides it ({@code --extra-index-url}, {@code --find-links},
     * {@code dotnet --add-source}, {@code gem --source}); either may be null. {@code highestWins} when the tool takes
     * the highest version any index offers, as pip does (uv takes the first index that has the name).
     */
    record Index(String primary, String extra, boolean highestWins) {
        /** Where the packages come from, for a message. */
        String label(Registry registry) {
            String base = primary == null ? registry.label() : "the index at " + primary;
            // A name registered on the other index with a higher version wins: dependency confusion.
            return extra == null ? base : base + " and the extra index at " + extra
                    + (highestWins ? ", whichever offers the higher version" : "");
        }
    }

    private static final Pattern URL_HOST = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)");

    /** The host of the URL given to the last of the options present; null when none is, or it is not known before the run. */
    private static String host(Arguments parsed, String... options) {
        String url = parsed.value(options);
        if (url == null || unknown(url)) {
            return null;
        }
        var host = URL_HOST.matcher(url);
        return host.lookingAt() ? host.group(1) : null;
    }

    private static Index index(String primary, String extra, boolean highestWins) {
        return primary == null && extra == null ? null : new Index(primary, extra, highestWins);
    }

    /** A package spec that names a Git repository: {@code git+https://…}, {@code github:o/r}, npm's {@code o/r}. */
    private static boolean gitSource(String spec) {
        return spec.contains("://") || spec.startsWith("github:") || spec.startsWith("gitlab:") || spec.startsWith("bitbucket:")
                || spec.startsWith("gist:") || !spec.startsWith("@") && spec.indexOf('/') > 0 && spec.indexOf('@') < 0
                && spec.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:#.*)?");
    }

    /** A word of a command: its span and its text with the quotes around it or its parts removed. */
    private record Word(int start, int end, String text) {
    }

    /** Scripts that mention none of these install nothing by name; most scripts are spared the reading below. */
    private static final TextSearch TOOLS = TextSearch.anyOf("install", "npm", "yarn", "pnpm", "bun", "gem");
    /** Scripts longer than this are not read, as for the other readings of shell text: hostile input stays fast. */
    private static final int MAX_LENGTH = 64 * 1024;
    /** What ends a word outside quotes: a blank, a line break, an operator, a parenthesis or a backquote. */
    private static final String WORD_ENDS = " \t\r\n;&|()`";

    /** Words before a command that leave the command to judge. */
    private static final Set<String> PREFIXES = Set.of("if", "then", "do", "else", "elif", "while", "until", "!", "time",
            "nohup", "exec", "command", "{");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    /** A redirection ({@code >out.log}, {@code 2>&1}), and one whose target is the next word ({@code > out.log}). */
    private static final Pattern REDIRECTION = Pattern.compile("\\d*(?:[<>]+|&>>?)&?\\S*");
    private static final Pattern REDIRECTION_ALONE = Pattern.compile("\\d*(?:[<>]+|&>>?)&?");
    private static final Set<String> SUDO_VALUED_OPTIONS = Set.of("-u", "--user", "-g", "--group", "-C", "-D");

    private static final Pattern PIP = Pattern.compile("pip(?:3(?:\\.\\d+)?)?");
    private static final Pattern PYTHON = Pattern.compile("python(?:\\d+(?:\\.\\d+)?)?|py|_+|\\$.*");
    /** A PEP 508 name with extras and version specifiers: {@code black}, {@code black==24.1.0}, {@code x[extra]>=2,<3}. */
    private static final Pattern PIP_SPEC = Pattern.compile(
            "([A-Za-z0-9][A-Za-z0-9._-]*)(?:\\[[A-Za-z0-9,._ -]*])?\\s*((?:(?:===?|[<>!~]=?)\\s*[A-Za-z0-9.*+!_-]+\\s*,?\\s*)*)(?:;.*)?");
    private static final Pattern PIP_EXACT = Pattern.compile("===?\\s*[A-Za-z0-9.+!_-]+");
    private static final Set<String> PIP_VALUED = Set.of("-r", "--requirement", "-i", "--index-url", "--extra-index-url",
            "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--platform", "--python-version", "--implementation", "--abi",
            "--upgrade-strategy", "--progress-bar", "--only-binary", "--no-binary", "--root-user-action", "--cache-dir",
            "--src", "--timeout", "--retries", "--proxy", "--trusted-host", "--cert", "--client-cert", "--log",
            "--config-settings", "-C", "--global-option", "--report", "--python", "-p", "--group", "-e", "--editable",
            "--exists-action", "--keyring-provider", "--use-feature", "--use-deprecated", "--resume-retries",
            "--index", "--default-index", "--with", "--from", "--suffix", "--pip-args", "--extra-index", "--target-dir");
    /**
     * Options that fix every package of the command: versions from a constraints file of the project, hashes checked,
     * or no index at all. A requirements file ({@code -r}) fixes only its own packages: those named beside it float.
     */
    private static final Set<String> PIP_FIXED = Set.of("-c", "--constraint", "--require-hashes", "--no-index",
            "--build-constraint", "--overrides");
    /** The package managers read here, as a command's first word names them (pip3.11 and python3.12 too). */
    private static final Set<String> MANAGERS = Set.of("pip", "pip3", "python", "python3", "py", "uv", "pipx", "npm", "yarn",
            "pnpm", "bun", "gem", "cargo", "go", "dotnet");
    /** Runners of a command inside a project's environment: {@code pipenv run pip install x}. */
    private static final Set<String> ENVIRONMENT_RUNNERS = Set.of("pipenv", "poetry", "uv", "hatch", "pdm", "rye");

    /** npm's package spec: {@code name}, {@code @scope/name}, each with an optional {@code @version-or-tag}. */
    private static final Pattern NPM_SPEC = Pattern.compile("((?:@[A-Za-z0-9._~-]+/)?[A-Za-z0-9._~-]+)(?:@(.*))?");
    private static final Pattern EXACT_SEMVER = Pattern.compile("[=v]?\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?");
    private static final Pattern NPM_HOSTED_GIT = Pattern.compile("(?:github:|gitlab:|bitbucket:|gist:|git\\+|git://)?"
            + "(?:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+|[a-z+]+://\\S+)(?:#(.*))?");
    private static final Set<String> NPM_VALUED = Set.of("--prefix", "--registry", "--loglevel", "--omit", "--include",
            "--workspace", "-w", "--location", "--cache", "--tag", "--userconfig", "--globalconfig", "--install-strategy",
            "--os", "--cpu", "--libc", "--cwd", "--mutex", "--modules-folder", "--cache-folder", "--network-timeout",
            "--filter", "-F", "--dir", "-C", "--store-dir", "--reporter", "--backend", "--cache-dir", "--config");
    /** The subcommands that install: npm's and its aliases, yarn's (install takes no package), pnpm's and bun's. */
    private static final Set<String> NPM_INSTALLS = Set.of("install", "i", "add", "isntall", "in");
    private static final Set<String> YARN_INSTALLS = Set.of("add");
    private static final Set<String> PNPM_INSTALLS = Set.of("add", "install", "i");
    /** npm options that hold the resolution to what a date had published, or to a lock file. */
    private static final Set<String> NPM_FROZEN = Set.of("--before", "--frozen-lockfile", "--immutable");

    private static final Set<String> GEM_VALUED = Set.of("-v", "--version", "-i", "--install-dir", "-n", "--bindir",
            "--source", "-s", "-P", "--trust-policy", "--platform", "--build-root", "--target-rbconfig");
    private static final Pattern GEM_EXACT = Pattern.compile("=?\\s*\\d+(?:\\.[0-9A-Za-z]+)*");

    private static final Set<String> CARGO_VALUED = Set.of("--version", "--vers", "--git", "--branch", "--tag", "--rev",
            "--path", "--root", "--target", "--features", "-F", "--profile", "--registry", "--index", "-j", "--jobs",
            "--config", "-Z", "--target-dir", "--bin", "--example", "--color", "--message-format");
    private static final Pattern CARGO_EXACT = Pattern.compile("=?\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?");

    private static final Set<String> DOTNET_VALUED = Set.of("--version", "--tool-path", "--add-source", "--configfile",
            "--framework", "-a", "--arch", "--verbosity", "-v", "--tool-manifest");

    /** What {@code go install pkg@VERSION} floats with: a query for the newest, or a branch. */
    private static final Pattern GO_FLOATING = Pattern.compile("latest|upgrade|patch|master|main|HEAD|develop|dev|trunk");

    private AdhocInstalls() {
    }

    static List<Install> find(String script) {
        List<Install> out = new ArrayList<>();
        if (script.length() > MAX_LENGTH || !TOOLS.foundIn(script)) {
            return out;
        }
        String text = commentsBlanked(RepoExecutors.quotedTextBlanked(script));
        int at = 0;
        while (at < text.length()) {
            int start = nextCommandStart(text, at);
            if (start < 0) {
                break;
            }
            int firstEnd = wordEnd(text, start);
            if (!mayStartInstall(text, start, firstEnd)) {
                // Most commands (echo, cd, make…) are passed over on their first word, without reading the rest.
                at = Math.max(start + 1, firstEnd);
                continue;
            }
            List<Word> words = words(text, script, start);
            Install install = install(words);
            if (install != null) {
                out.add(install);
            }
            at = Math.max(start + 1, words.isEmpty() ? start + 1 : words.get(0).end());
        }
        return out;
    }

    /**
     * Whether the command whose first word is {@code text[start, end)} may install a package: the word (its last path
     * part) is a package manager, a prefix that leaves the command to a later word, an assignment, or a value known
     * only at run time.
     */
    private static boolean mayStartInstall(String text, int start, int end) {
        char first = text.charAt(start);
        if (first == '$' || first == '_' || first == '"' || first == '\'') {
            return true;
        }
        int from = start;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '=') {
                return true;
            }
            if (c == '/') {
                from = i + 1;
            }
        }
        String word = text.substring(from, end);
        return MANAGERS.contains(word) || PREFIXES.contains(word) || ENVIRONMENT_RUNNERS.contains(word) || word.equals("sudo")
                || word.equals("env") || word.startsWith("pip") || word.startsWith("python");
    }

    /** Where the word that starts at {@code start} ends. */
    private static int wordEnd(String text, int start) {
        int i = start;
        while (i < text.length() && WORD_ENDS.indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    /** The reading of one command from its words, or null when it installs nothing by name. */
    private static Install install(List<Word> all) {
        List<Word> words = withoutPrefixes(all);
        if (words.isEmpty()) {
            return null;
        }
        Word first = words.get(0);
        String tool = first.text().substring(first.text().lastIndexOf('/') + 1);
        List<Word> args = words.subList(1, words.size());
        if (PIP.matcher(tool).matches()) {
            return pip(first, "pip", args);
        }
        if (PYTHON.matcher(tool).matches() && args.size() >= 2 && args.get(0).text().equals("-m")
                && PIP.matcher(args.get(1).text()).matches()) {
            return pip(first, "pip", args.subList(2, args.size()));
        }
        return switch (tool) {
            case "uv" -> !args.isEmpty() && args.get(0).text().equals("pip") ? pip(first, "uv pip", args.subList(1, args.size()))
                    : subcommand(args, "tool", "install") ? pythonTool(first, "uv tool install", args.subList(2, args.size()))
                    : null;
            case "pipx" -> subcommand(args, "install") ? pythonTool(first, "pipx install", args.subList(1, args.size())) : null;
            case "npm" -> npm(first, tool, args, NPM_INSTALLS);
            case "yarn" -> subcommand(args, "global", "add") ? npm(first, tool, args.subList(1, args.size()), YARN_INSTALLS)
                    : npm(first, tool, args, YARN_INSTALLS);
            case "pnpm", "bun" -> npm(first, tool, args, PNPM_INSTALLS);
            case "gem" -> subcommand(args, "install") || subcommand(args, "i") ? gem(first, args.subList(1, args.size())) : null;
            case "cargo" -> subcommand(args, "install") ? cargo(first, args.subList(1, args.size())) : null;
            case "go" -> subcommand(args, "install") ? go(first, args.subList(1, args.size())) : null;
            case "dotnet" -> subcommand(args, "tool", "install") ? dotnet(first, args.subList(2, args.size())) : null;
            default -> null;
        };
    }

    /** The words from the command itself on: keywords, assignments, {@code sudo} and {@code env} before it left out. */
    private static List<Word> withoutPrefixes(List<Word> words) {
        int i = 0;
        while (i < words.size()) {
            String w = words.get(i).text();
            if (PREFIXES.contains(w) || w.indexOf('=') > 0 && ASSIGNMENT.matcher(w).matches()) {
                i++;
            } else if (ENVIRONMENT_RUNNERS.contains(w) && i + 1 < words.size() && words.get(i + 1).text().equals("run")) {
                i += 2;
            } else if (w.equals("sudo") || w.equals("env")) {
                i++;
                while (i < words.size() && words.get(i).text().startsWith("-")) {
                    i += SUDO_VALUED_OPTIONS.contains(words.get(i).text()) ? 2 : 1;
                }
            } else {
                break;
            }
        }
        return words.subList(Math.min(i, words.size()), words.size());
    }

    private static boolean subcommand(List<Word> args, String... names) {
        if (args.size() < names.length) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            if (!args.get(i).text().equals(names[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * A command's arguments as its package manager reads them: each option with the values given to it (none for a
     * flag; {@code --name=value} or, for an option in {@code valued}, the next word), the other words, and where the
     * last word read ends.
     */
    private record Arguments(Map<String, List<String>> options, List<String> operands, int end) {
        boolean has(String option) {
            return options.containsKey(option);
        }

        boolean hasAny(Set<String> names) {
            return names.stream().anyMatch(options::containsKey);
        }

        /** The value given last to the last of these options that has one, or null. */
        String value(String... names) {
            String value = null;
            for (String name : names) {
                List<String> values = options.get(name);
                if (values != null && !values.isEmpty()) {
                    value = values.get(values.size() - 1);
                }
            }
            return value;
        }

        List<String> values(String name) {
            return options.getOrDefault(name, List.of());
        }
    }

    private static Arguments arguments(Word first, List<Word> args, Set<String> valued) {
        Map<String, List<String>> options = new HashMap<>();
        List<String> operands = new ArrayList<>();
        int end = first.end();
        for (int i = 0; i < args.size(); i++) {
            String text = args.get(i).text();
            end = args.get(i).end();
            if (!text.startsWith("-") || text.equals("-")) {
                operands.add(text);
                continue;
            }
            int eq = text.indexOf('=');
            List<String> values = options.computeIfAbsent(text.startsWith("--") && eq > 0 ? text.substring(0, eq) : text,
                    k -> new ArrayList<>());
            if (text.startsWith("--") && eq > 0) {
                values.add(text.substring(eq + 1));
            } else if (valued.contains(text) && i + 1 < args.size()) {
                values.add(args.get(++i).text());
                end = args.get(i).end();
            }
        }
        return new Arguments(options, operands, end);
    }

    private static Install pip(Word first, String tool, List<Word> args) {
        if (args.isEmpty() || !args.get(0).text().equals("install")) {
            return null;
        }
        Arguments parsed = arguments(args.get(0), args.subList(1, args.size()), PIP_VALUED);
        // -c given as -cFILE is a constraints file too.
        if (parsed.hasAny(PIP_FIXED) || parsed.options().keySet().stream().anyMatch(o -> o.startsWith("-c") && !o.startsWith("--"))) {
            return null;
        }
        List<String> floating = new ArrayList<>();
        List<String> pinned = new ArrayList<>();
        parsed.operands().forEach(spec -> classifyPython(spec, "pip", floating, pinned));
        return made(first, parsed.end(), tool, Registry.PYPI, floating, pinned,
                index(host(parsed, "-i", "--index-url"), host(parsed, "--extra-index-url", "-f", "--find-links"),
                        !tool.startsWith("uv")));
    }

    /** {@code pipx install} and {@code uv tool install}: one tool, and those {@code --with} adds, named as pip names them. */
    private static Install pythonTool(Word first, String tool, List<Word> args) {
        Arguments parsed = arguments(first, args, PIP_VALUED);
        String self = tool.startsWith("uv") ? "uv" : "pipx";
        List<String> floating = new ArrayList<>();
        List<String> pinned = new ArrayList<>();
        parsed.values("--with").forEach(spec -> classifyPython(spec, self, floating, pinned));
        parsed.operands().forEach(spec -> classifyPython(spec, self, floating, pinned));
        return made(first, parsed.end(), tool, Registry.PYPI, floating, pinned, index(host(parsed, "-i", "--index-url",
                "--default-index"), host(parsed, "--extra-index-url", "--index", "-f", "--find-links"), !tool.startsWith("uv")));
    }

    /** Sorts a pip requirement into floating or pinned; a path, an archive, a URL or a variable is neither. */
    private static void classifyPython(String spec, String self, List<String> floating, List<String> pinned) {
        if (unknown(spec) || localPath(spec)) {
            return;
        }
        if (spec.contains("://")) {
            // git+https://host/repo@ref, or PEP 508's name@git+https://host/repo@ref.
            if (spec.startsWith("git+") || spec.matches("[A-Za-z0-9._-]+\\s*@\\s*git\\+.*")) {
                (spec.matches(".*@[0-9a-fA-F]{40}(?:#.*)?") ? pinned : floating).add(spec);
            }
            return;
        }
        var m = PIP_SPEC.matcher(spec);
        if (!m.matches() || m.group(1).equalsIgnoreCase(self)) {
            return;
        }
        String versions = m.group(2).strip();
        (PIP_EXACT.matcher(versions).matches() ? pinned : floating).add(spec);
    }

    private static Install npm(Word first, String tool, List<Word> args, Set<String> subcommands) {
        int i = 0;
        // Options before the subcommand: pnpm --filter app add x, npm --prefix dir install y.
        while (i < args.size() && args.get(i).text().startsWith("-")) {
            i += NPM_VALUED.contains(args.get(i).text()) ? 2 : 1;
        }
        if (i >= args.size() || !subcommands.contains(args.get(i).text())) {
            return null;
        }
        Arguments parsed = arguments(args.get(i), args.subList(i + 1, args.size()), NPM_VALUED);
        if (parsed.hasAny(NPM_FROZEN)) {
            return null;
        }
        List<String> floating = new ArrayList<>();
        List<String> pinned = new ArrayList<>();
        for (String text : parsed.operands()) {
            if (unknown(text) || localPath(text) || text.startsWith("file:") || text.startsWith("link:")
                    || text.startsWith("workspace:")) {
                continue;
            }
            var spec = NPM_SPEC.matcher(text);
            if (spec.matches()) {
                if (!spec.group(1).equals(tool)) {
                    String version = spec.group(2);
                    String exact = version != null && version.startsWith("npm:") ? version.substring(version.lastIndexOf('@') + 1) : version;
                    (exact != null && EXACT_SEMVER.matcher(exact).matches() ? pinned : floating).add(text);
                }
                continue;
            }
            var git = NPM_HOSTED_GIT.matcher(text);
            if (git.matches() && !text.matches("(?i)https?://\\S+\\.(?:tgz|tar\\.gz)")) {
                String ref = git.group(1);
                (ref != null && ref.matches("[0-9a-fA-F]{40}") ? pinned : floating).add(text);
            }
        }
        return made(first, parsed.end(), tool, Registry.NPM, floating, pinned, index(host(parsed, "--registry"), null, false));
    }

    private static Install gem(Word first, List<Word> args) {
        Arguments parsed = arguments(first, args, GEM_VALUED);
        if (parsed.has("-g") || parsed.has("--file")) {
            return null;
        }
        String version = parsed.value("-v", "--version");
        List<String> floating = new ArrayList<>();
        List<String> pinned = new ArrayList<>();
        for (String name : parsed.operands()) {
            if (unknown(name) || localPath(name) || name.endsWith(".gem") || !name.matches("[A-Za-z0-9._-]+(?:[:@].+)?")) {
                continue;
            }
            // rake:13.2.1, and the rake@13.2.1 that other package managers write.
            int colon = name.indexOf(':') >= 0 ? name.indexOf(':') : name.indexOf('@');
            String v = colon >= 0 ? name.substring(colon + 1) : version;
            (v != null && (unknown(v) || GEM_EXACT.matcher(v.strip()).matches()) ? pinned : floating).add(name);
        }
        return made(first, parsed.end(), "gem", Registry.RUBYGEMS, floating, pinned, index(null, host(parsed, "--source", "-s"), false));
    }

    private static Install cargo(Word first, List<Word> args) {
        Arguments parsed = arguments(first, args, CARGO_VALUED);
        if (parsed.has("--path")) {
            return null;
        }
        boolean locked = parsed.has("--locked") || parsed.has("--frozen");
        boolean fixedSource = parsed.has("--rev") || parsed.has("--tag");
        String version = parsed.value("--version", "--vers");
        String git = parsed.value("--git");
        List<String> floating = new ArrayList<>();
        List<String> pinned = new ArrayList<>();
        if (git != null) {
            // The crates come from the repository: its head unless a commit or tag is named.
            if (!unknown(git)) {
                (fixedSource ? pinned : floating).add(git);
            }
            return made(first, parsed.end(), "cargo", Registry.CRATES, floating, pinned, null);
        }
        for (String name : parsed.operands()) {
            if (unknown(name) || !name.matches("[A-Za-z0-9_-]+(?:@.+)?")) {
                continue;
            }
            int at = name.indexOf('@');
            String v = at >= 0 ? name.substring(at + 1) : version;
            boolean exact = v != null && (unknown(v) || CARGO_EXACT.matcher(v).matches());
            // An exact version with --locked builds with the crate's own lock file: nothing is resolved afresh.
            if (!exact) {
                floating.add(name);
            } else if (!locked) {
                pinned.add(name);
            }
        }
        return made(first, parsed.end(), "cargo", Registry.CRATES, floating, pinned, index(host(parsed, "--index"), null, false));
    }

    /**
     * {@code go install pkg@version}: only a query for the newest or a branch floats. A version or a commit is fixed
     * by the checksum database, with the module's own go.sum for its dependencies; a package without a version is
     * the project's own.
     */
    private static Install go(Word first, List<Word> args) {
        Arguments parsed = arguments(first, args, Set.of());
        List<String> floating = parsed.operands().stream().filter(text -> text.lastIndexOf('@') > 0 && !unknown(text)
                && GO_FLOATING.matcher(text.substring(text.lastIndexOf('@') + 1)).matches()).toList();
        return made(first, parsed.end(), "go", Registry.GO_PROXY, floating, List.of(), null);
    }

    private static Install dotnet(Word first, List<Word> args) {
        Arguments parsed = arguments(first, args, DOTNET_VALUED);
        List<String> names = parsed.operands().stream().filter(t -> !unknown(t) && t.matches("[A-Za-z0-9._-]+")).toList();
        String version = parsed.value("--version");
        boolean exact = version != null && (unknown(version) || version.matches("\\d+(?:\\.\\d+)*(?:-[0-9A-Za-z.-]+)?"));
        return made(first, parsed.end(), "dotnet tool", Registry.NUGET, exact ? List.of() : names, exact ? names : List.of(),
                index(null, host(parsed, "--add-source"), false));
    }

    private static Install made(Word first, int end, String tool, Registry registry, List<String> floating, List<String> pinned,
                                Index index) {
        return floating.isEmpty() && pinned.isEmpty() ? null
                : new Install(first.start(), end, tool, registry, List.copyOf(floating), List.copyOf(pinned), index);
    }

    /** A word whose text is known only when the step runs: a variable, a substitution or an expression. */
    private static boolean unknown(String word) {
        return word.indexOf('$') >= 0 || word.indexOf('`') >= 0 || word.indexOf('{') >= 0;
    }

    /** A path or an archive of the project's or the runner's, not a name the registry resolves. */
    private static boolean localPath(String word) {
        if (word.contains("://")) {
            return false;
        }
        return word.startsWith(".") || word.startsWith("/") || word.startsWith("~") || word.contains("/") && !word.startsWith("@")
                && !word.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:#.*)?") || word.endsWith(".whl") || word.endsWith(".tar.gz")
                || word.endsWith(".tgz") || word.endsWith(".zip") || word.matches("[A-Za-z]:\\\\.*");
    }

    /**
     * Where the next command starts at or after {@code from}: the first word after a line start, an operator or an
     * opening ({@code ;}, {@code &&}, {@code ||}, {@code |}, {@code (}, {@code `}, {@code $(}). -1 when none does.
     */
    private static int nextCommandStart(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (i == 0 || isCommandOpening(text, i - 1)) {
                int j = i;
                // Blanks, and a backslash that continues the line (a && \ at a line's end).
                while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\\'
                        && j + 1 < text.length() && text.charAt(j + 1) == '\n')) {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                if (j < text.length() && !isSeparator(text.charAt(j)) && text.charAt(j) != '\n' && text.charAt(j) != '\r') {
                    return j;
                }
            }
        }
        return -1;
    }

    private static boolean isCommandOpening(String text, int at) {
        char c = text.charAt(at);
        return c == '\n' && (at == 0 || text.charAt(at - 1) != '\\') || c == ';' || c == '&' || c == '|' || c == '('
                || c == '`';
    }

    private static boolean isSeparator(char c) {
        return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '`';
    }

    /**
     * The words of the command that starts at {@code start}, up to its end: a newline that no backslash continues, an
     * operator, a closing parenthesis or backquote. Spans come from {@code text} (quotes blanked), the words' text
     * from {@code script}, without its quotes. Redirections and their targets are left out.
     */
    private static List<Word> words(String text, String script, int start) {
        List<Word> words = new ArrayList<>();
        int i = start;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i += 2;
            } else if (c == '\n' || isSeparator(c)) {
                break;
            } else {
                int from = i;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '\\' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        break;
                    }
                    // 2>&1 and >&2 are one word: the & there separates nothing.
                    if (isSeparator(d) && !(d == '&' && i > from && (text.charAt(i - 1) == '>' || text.charAt(i - 1) == '<'))) {
                        break;
                    }
                    // An unquoted < or > after other characters than a file descriptor's digits starts a redirection:
                    // pip install tool>=4.0 installs tool and writes to a file named =4.0.
                    if ((d == '>' || d == '<') && i > from && !digitsOnly(text, from, i)) {
                        break;
                    }
                    i++;
                }
                String raw = script.substring(from, i);
                char lead = raw.charAt(0);
                if ((lead == '<' || lead == '>' || lead == '&' || lead >= '0' && lead <= '9') && REDIRECTION.matcher(raw).matches()) {
                    // A redirection: its target, when written apart (> out.log), goes with it.
                    if (REDIRECTION_ALONE.matcher(raw).matches()) {
                        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                            i++;
                        }
                        while (i < n && WORD_ENDS.indexOf(text.charAt(i)) < 0) {
                            i++;
                        }
                    }
                    continue;
                }
                words.add(new Word(from, i, unquoted(raw)));
            }
        }
        return words;
    }

    private static boolean digitsOnly(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String unquoted(String word) {
        if (word.indexOf('"') < 0 && word.indexOf('\'') < 0) {
            return word;
        }
        return word.replace("\"", "").replace("'", "");
    }

    /** The text with its comments (a {@code #} that starts a word, to the end of its line) blanked; positions stay. */
    private static String commentsBlanked(String text) {
        if (text.indexOf('#') < 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == '#' && (i == 0 || chars[i - 1] == ' ' || chars[i - 1] == '\t' || chars[i - 1] == '\n')) {
                while (i < chars.length && chars[i] != '\n') {
                    chars[i++] = ' ';
                }
            }
        }
        return new String(chars);
    }
}
