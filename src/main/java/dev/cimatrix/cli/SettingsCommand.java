package dev.cimatrix.cli;

import dev.cimatrix.discover.RepositoryName;
import dev.cimatrix.discover.remote.GithubSettingsFetcher;
import dev.cimatrix.discover.remote.RestApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cimatrix settings}: reads a GitHub repository's settings through the API into a snapshot file that
 * {@code cimatrix scan} reads with the repository.
 */
@Command(name = "settings", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Read a GitHub repository's settings (default branch protection, rulesets, Actions "
                + "settings) through the API into a snapshot file, for `cimatrix scan . FILE`.",
                "The token comes from GH_TOKEN or GITHUB_TOKEN; reading branch protection and Actions settings needs "
                        + "the Administration read permission (what cannot be read is recorded as unknown).", ""})
final class SettingsCommand implements Callable<Integer> {
    /** Where the token is looked for, in order: the GitHub CLI's variable, then the one Actions provides. */
    static final String[] TOKEN_VARIABLES = {"GH_TOKEN", "GITHUB_TOKEN"};

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "OWNER/NAME", arity = "0..1",
            description = "The repository (default: the one the current folder's git remote names).")
    String repository;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the snapshot to FILE instead of "
            + "standard output. Not .github/settings.yml where the Settings app is installed: it would apply it.")
    Path output;

    @Option(names = "--api-url", paramLabel = "URL", description = "The API's base URL (default: $GITHUB_API_URL, "
            + "else https://api.github.com; https://HOST/api/v3 for GitHub Enterprise Server).")
    String apiUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long one request may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        UsageException.requireAtLeast("--timeout", timeoutSeconds, 1);
        String name = repository != null ? repository.strip() : RepositoryName.of(Path.of("").toAbsolutePath())
                .orElseThrow(() -> new UsageException("no repository named, and the current folder's git remote "
                        + "does not name one; give OWNER/NAME"));
        if (!GithubSettingsFetcher.isRepository(name)) {
            throw new UsageException("'" + name + "' is not a repository: expected OWNER/NAME, such as acme/widget");
        }
        URI api = api(apiUrl != null ? apiUrl : System.getenv().getOrDefault("GITHUB_API_URL", "https://api.github.com"));
        String token = token();
        var err = PrintableErr.of(spec.commandLine().getErr());
        if (token == null) {
            err.println("cimatrix: no token in GH_TOKEN or GITHUB_TOKEN: reading anonymously, which sees public "
                    + "repositories only and little of their settings");
        }
        GithubSettingsFetcher fetcher = new GithubSettingsFetcher(api, token, Duration.ofSeconds(timeoutSeconds),
                Clock.systemUTC());
        String snapshot;
        try {
            snapshot = fetcher.fetch(name, "cimatrix " + VersionProvider.version(), part -> {
                if (Terminal.showsProgress()) {
                    err.println("reading " + part + " …");
                }
            });
        } catch (RestApi.FetchException e) {
            throw new UsageException(e.getMessage());
        }
        Output.write(snapshot, output, spec.commandLine().getOut());
        if (output != null) {
            err.println("Wrote the settings of " + name + " to " + output + "; scan them with `cimatrix scan . "
                    + output + "`");
        }
        err.flush();
        return ExitCode.OK;
    }

    private static String token() {
        for (String variable : TOKEN_VARIABLES) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static URI api(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw new UsageException("--api-url must be an http or https URL, not '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--api-url is not a URL: " + e.getMessage());
        }
    }
}
