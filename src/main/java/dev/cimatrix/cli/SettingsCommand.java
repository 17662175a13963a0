package dev.cimatrix.cli;

import dev.cimatrix.discover.RepositoryName;
import dev.cimatrix.discover.remote.GithubSettingsFetcher;
import dev.cimatrix.discover.remote.GitlabSettingsFetcher;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code cimatrix settings}: reads a GitHub repository's or a GitLab project's settings through the API into a
 * snapshot file that {@code cimatrix scan} reads with the repository.
 */
@Command(name = "settings", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Read a GitHub repository's settings (default branch protection, rulesets, environments, "
                + "Actions settings) or an organisation's (org:LOGIN), or with --gitlab a GitLab project's (protected branches, approvals, pipeline "
                + "variables, job token scope), through the API into a snapshot file, for `cimatrix scan . FILE`.",
                "The token comes from GH_TOKEN or GITHUB_TOKEN (GitLab: GITLAB_TOKEN); what it may not read is "
                        + "recorded in the snapshot as unknown.", ""})
final class SettingsCommand implements Callable<Integer> {
    /** Where GitHub's token is looked for, in order: the GitHub CLI's variable, then the one Actions provides. */
    static final List<String> GITHUB_TOKEN_VARIABLES = List.of("GH_TOKEN", "GITHUB_TOKEN");
    static final List<String> GITLAB_TOKEN_VARIABLES = List.of("GITLAB_TOKEN");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPOSITORY", arity = "0..1",
            description = "OWNER/NAME or org:LOGIN on GitHub, GROUP/NAME on GitLab (default: the repository the "
                    + "current folder's git remote names).")
    String repository;

    @Option(names = "--gitlab", description = "Read a GitLab project's settings.")
    boolean gitlab;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the snapshot to FILE instead of "
            + "standard output. Not .github/settings.yml where the Settings app is installed: it would apply it.")
    Path output;

    @Option(names = "--api-url", paramLabel = "URL", description = "The API's base URL (default: $GITHUB_API_URL, "
            + "else https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server; with --gitlab "
            + "$CI_API_V4_URL, else https://gitlab.com/api/v4).")
    String apiUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long one request may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        UsageException.requireAtLeast("--timeout", timeoutSeconds, 1);
        String name = repository != null ? repository.strip() : RepositoryName.of(Path.of("").toAbsolutePath())
                .orElseThrow(() -> new UsageException("no repository named, and the current folder's git remote "
                        + "does not name one; give " + (gitlab ? "GROUP/NAME" : "OWNER/NAME")));
        boolean organization = !gitlab && name.startsWith("org:");
        if (organization && !GithubSettingsFetcher.isOrganization(name.substring(4))) {
            throw new UsageException("'" + name + "' is not an organisation: expected org:LOGIN, such as org:acme");
        }
        if (!organization && (gitlab ? !GitlabSettingsFetcher.isProject(name) : !GithubSettingsFetcher.isRepository(name))) {
            throw new UsageException("'" + name + "' is not a " + (gitlab ? "project: expected GROUP/NAME, such as "
                    + "acme/platform/widget" : "repository: expected OWNER/NAME, such as acme/widget"));
        }
        URI api = api(apiUrl != null ? apiUrl : gitlab
                ? System.getenv().getOrDefault("CI_API_V4_URL", "https://gitlab.com/api/v4")
                : System.getenv().getOrDefault("GITHUB_API_URL", "https://api.github.com"));
        List<String> variables = gitlab ? GITLAB_TOKEN_VARIABLES : GITHUB_TOKEN_VARIABLES;
        String token = token(variables);
        var err = PrintableErr.of(spec.commandLine().getErr());
        if (token == null) {
            err.println("cimatrix: no token in " + String.join(" or ", variables) + ": reading anonymously, which sees "
                    + "public " + (gitlab ? "projects" : "repositories") + " only and little of their settings");
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        String generator = "cimatrix " + VersionProvider.version();
        Consumer<String> progress = part -> {
            if (Terminal.showsProgress()) {
                err.println("reading " + part + " …");
            }
        };
        String snapshot;
        try {
            if (gitlab) {
                snapshot = new GitlabSettingsFetcher(api, token, timeout, Clock.systemUTC()).fetch(name, generator, progress);
            } else {
                GithubSettingsFetcher github = new GithubSettingsFetcher(api, token, timeout, Clock.systemUTC());
                snapshot = organization ? github.fetchOrganization(name.substring(4), generator, progress)
                        : github.fetch(name, generator, progress);
            }
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

    private static String token(List<String> variables) {
        for (String variable : variables) {
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
