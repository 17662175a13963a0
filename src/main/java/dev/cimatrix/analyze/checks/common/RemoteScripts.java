package dev.cimatrix.analyze.checks.common;

import dev.cimatrix.analyze.TextSearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in the text of a {@code run:} script, code that is downloaded and executed without an integrity
 * check: a download piped into a shell or interpreter, fed to one through {@code <( )} or {@code $( )}, run
 * by PowerShell's {@code iex}, or saved to a file that is then made executable or run.
 */
public final class RemoteScripts {
    public enum Form {
        /** {@code curl … | sh} and the like. */
        PIPE("pipes a download straight into an interpreter"),
        /** {@code bash <(curl …)}, {@code sh -c "$(curl …)"}, {@code eval "$(wget -O- …)"}. */
        SUBSTITUTION("feeds a download straight to an interpreter"),
        /** {@code iex (iwr …)}, {@code (New-Object Net.WebClient).DownloadString(…) | iex}. */
        POWERSHELL("runs a downloaded script with Invoke-Expression"),
        /** {@code curl -o x.sh …} then {@code bash x.sh}, {@code chmod +x x} or {@code ./x}, with no checksum. */
        DOWNLOAD_THEN_RUN("downloads a file and then runs it, with no checksum or signature check in the script");

        private final String action;

        Form(String action) {
            this.action = action;
        }

        /** What a script doing this does, for messages: "pipes a download straight into an interpreter". */
        public String action() {
            return action;
        }
    }

    /** One download-and-execute, with its span in the script text and the URL when one is written. */
    public record Match(Form form, int start, int end, String url) {
    }

    private static final String DOWNLOADER = "(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)";
    private static final String INTERPRETER = "(?:bash|sh|zsh|ksh|dash|fish|ash|python[0-9.]*|perl|ruby|node|php|pwsh|powershell|iex|invoke-expression|source)";
    /** Anything up to the end of the command line, across backslash-continued lines. */
    private static final String REST_OF_COMMAND = "(?:[^|\\n;&]|\\\\\\n)*?";
    private static final Pattern PIPE = Pattern.compile("(?i)(?=[cwi])(?<![\\w-])" + DOWNLOADER + "\\b" + REST_OF_COMMAND
            + "\\|\\s*(?:sudo\\s+(?:-\\S+\\s+)*)?(?:env\\s+(?:\\S+=\\S*\\s+)*)?" + INTERPRETER + "(?![\\w.-])");
    private static final Pattern PROCESS_SUBSTITUTION = Pattern.compile("(?i)(?=[bsz.])(?<![\\w-])(?:bash|sh|zsh|source|\\.)\\s+<\\(\\s*"
            + DOWNLOADER + "\\b[^)]*\\)");
    private static final Pattern COMMAND_SUBSTITUTION = Pattern.compile("(?i)(?=[bszprne])(?<![\\w-])(?:bash|sh|zsh|python[0-9.]*|perl|ruby|node|eval)\\b[^\\n]*?(?:\\$\\(|`)\\s*"
            + DOWNLOADER + "\\b[^)`\\n]*[)`]");
    private static final Pattern POWERSHELL = Pattern.compile("(?i)(?=[id])(?:(?<![\\w-])(?:iex|invoke-expression)\\s*\\(+\\s*(?:iwr|irm|invoke-webrequest|invoke-restmethod|new-object\\s+(?:system\\.)?net\\.webclient)[^\\n]*"
            + "|downloadstring\\([^)\\n]*\\)\\s*\\|\\s*(?:iex|invoke-expression)\\b)");
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s'\"|)`;]+");
    private static final Pattern SAVED = Pattern.compile("(?i)(?=[cw])(?<![\\w-])(?:curl\\b[^\\n]*?(?:-o|--output)\\s+|wget\\b[^\\n]*?(?:-O|--output-document)\\s*|(?:curl|wget)\\b[^\\n|]*?>\\s*)(['\"]?)([\\w./$-]+)\\1");
    /** The look-ahead names the first character of each alternative, sparing the others at most positions. */
    private static final Pattern VERIFIED = Pattern.compile("(?i)(?=[sbmgco-])(?:sha(?:1|224|256|384|512)sum|shasum|\\bb2sum|md5sum|gpg\\s+(?:--batch\\s+)?--verify|gpgv|cosign\\s+verify|minisign|slsa-verifier|get-filehash|openssl\\s+dgst|--checksum|gh\\s+attestation\\s+verify)");
    /** A raw download from a fixed commit: the content cannot change under the same URL. */
    private static final Pattern COMMIT_PINNED_URL = Pattern.compile("(?i)/[0-9a-f]{40}/");

    private static final TextSearch DOWNLOADERS = TextSearch.anyOf("curl", "wget", "iwr", "irm", "invoke-webrequest",
            "invoke-restmethod", "webclient", "fetch");
    private static final TextSearch POWERSHELL_WORDS = TextSearch.anyOf("iex", "invoke-expression", "downloadstring");
    private static final TextSearch OUTPUT_OPTION = TextSearch.anyOf("-o");

    private RemoteScripts() {
    }

    private static boolean mentionsDownloader(String script) {
        return DOWNLOADERS.foundIn(script);
    }

    public static List<Match> find(String script) {
        List<Match> out = new ArrayList<>();
        if (!mentionsDownloader(script)) {
            // Most scripts download nothing; one scan for the tool names spares them every pattern below.
            return out;
        }
        // Each form needs punctuation or a word that most scripts lack; the patterns run only where it is.
        if (script.indexOf('|') >= 0) {
            add(out, PIPE.matcher(script), Form.PIPE, script);
        }
        if (script.contains("<(")) {
            add(out, PROCESS_SUBSTITUTION.matcher(script), Form.SUBSTITUTION, script);
        }
        if (script.contains("$(") || script.indexOf('`') >= 0) {
            add(out, COMMAND_SUBSTITUTION.matcher(script), Form.SUBSTITUTION, script);
        }
        if (POWERSHELL_WORDS.foundIn(script)) {
            add(out, POWERSHELL.matcher(script), Form.POWERSHELL, script);
        }
        boolean maySave = script.indexOf('>') >= 0 || OUTPUT_OPTION.foundIn(script);
        if (maySave && !VERIFIED.matcher(script).find()) {
            downloadThenRun(script, out);
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    /** True when the URL names a fixed commit, so the same URL always serves the same bytes. */
    public static boolean commitPinned(String url) {
        return url != null && COMMIT_PINNED_URL.matcher(url).find();
    }

    public static boolean plainHttp(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("http://");
    }

    private static void add(List<Match> out, Matcher m, Form form, String script) {
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            if (inComment(script, start) || out.stream().anyMatch(x -> x.start() < end && start < x.end())
                    || form == Form.PIPE && curlFailsBeforeDownloading(script.substring(start, end))) {
                continue;
            }
            out.add(new Match(form, start, end, url(script.substring(start, end))));
        }
    }

    /** True when a shell comment ({@code #} at the start of a word) precedes {@code offset} on its line. */
    public static boolean inComment(String script, int offset) {
        int lineStart = script.lastIndexOf('\n', offset - 1) + 1;
        for (int i = lineStart; i < offset; i++) {
            if (script.charAt(i) == '#' && (i == lineStart || Character.isWhitespace(script.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static void downloadThenRun(String script, List<Match> out) {
        Matcher saved = SAVED.matcher(script);
        while (saved.find()) {
            String file = saved.group(2);
            if (file.equals("-") || file.startsWith("/dev/") || inComment(script, saved.start())) {
                continue;
            }
            String base = file.substring(file.lastIndexOf('/') + 1);
            String rest = script.substring(saved.end());
            String name = Pattern.quote(base);
            Pattern run = Pattern.compile("(?i)(?:(?<![\\w-])" + INTERPRETER + "\\s+(?:-\\S+\\s+)*(?:\\S*/)?" + name
                    + "(?![\\w.-])|chmod\\s+(?:[+ugoa]*x|[0-7]*[157][0-7]*)\\s+(?:\\S*/)?" + name + "(?![\\w.-])|\\./" + name
                    + "(?![\\w.-]))");
            if (run.matcher(rest).find()) {
                int lineEnd = script.indexOf('\n', saved.start());
                int end = lineEnd < 0 ? script.length() : lineEnd;
                int start = saved.start();
                if (out.stream().noneMatch(x -> x.start() < end && start < x.end())) {
                    out.add(new Match(Form.DOWNLOAD_THEN_RUN, start, end, url(script.substring(start, end))));
                }
            }
        }
    }

    /** curl's short options that take a value: {@code -H 'Accept: x'}, {@code -o file}, {@code -y 30}. */
    private static final String CURL_SHORT_WITH_VALUE = "AbcCdDeEFHKmoPQrTtuUwxXyYz";
    /** curl's long options that take a value, of those found in install commands. */
    private static final java.util.Set<String> CURL_LONG_WITH_VALUE = java.util.Set.of("--header", "--output", "--user-agent",
            "--data", "--data-raw", "--data-binary", "--data-urlencode", "--proto", "--proto-redir", "--max-time",
            "--connect-timeout", "--retry", "--retry-delay", "--retry-max-time", "--speed-time", "--speed-limit",
            "--request", "--url", "--user", "--cacert", "--capath", "--cert", "--key", "--config", "--resolve", "--range",
            "--write-out", "--referer", "--form", "--proxy", "--limit-rate", "--interface", "--max-redirs", "--output-dir",
            "--cookie", "--cookie-jar", "--dump-header", "--continue-at", "--upload-file", "--time-cond", "--oauth2-bearer");

    /**
     * Whether the curl of {@code curl … | sh} stops with a usage error before it downloads anything, because its last
     * option takes a value and none follows ({@code curl https://sh.rustup.rs -sSf -y | sh}: {@code -y} is
     * {@code --speed-time}); the shell then reads nothing.
     */
    public static boolean curlFailsBeforeDownloading(String pipeline) {
        int bar = pipeline.indexOf('|');
        String command = (bar < 0 ? pipeline : pipeline.substring(0, bar)).replace("\\\n", " ").strip();
        String[] words = command.split("\\s+");
        if (words.length < 2 || !words[0].equalsIgnoreCase("curl")) {
            return false;
        }
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            boolean needsValue;
            if (word.startsWith("--")) {
                needsValue = !word.contains("=") && CURL_LONG_WITH_VALUE.contains(word);
            } else if (word.startsWith("-") && word.length() > 1) {
                // A cluster of short options: the first that takes a value takes the rest of the word, or the next.
                needsValue = false;
                for (int c = 1; c < word.length(); c++) {
                    if (CURL_SHORT_WITH_VALUE.indexOf(word.charAt(c)) >= 0) {
                        needsValue = c == word.length() - 1;
                        break;
                    }
                }
            } else {
                continue;
            }
            if (needsValue) {
                if (i == words.length - 1) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    private static String url(String text) {
        Matcher m = URL.matcher(text);
        return m.find() ? m.group() : null;
    }
}
