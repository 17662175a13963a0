package dev.cimatrix.discover.terraform;

import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.CloudRole;
import dev.cimatrix.model.CloudRole.SubjectScope;
import dev.cimatrix.model.Inventory;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TerraformReaderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/checks/tf-oidc-broad-trust");
    private static final String TRUST = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRoleWithWebIdentity\", "
            + "\"Principal\": {\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}}]}";

    @Test
    void rolesTrustingCiIssuersAreReadAndClassified() throws Exception {
        Inventory inventory = new Discovery().discover(FIXTURES, List.of(FIXTURES), null);
        Map<String, CloudRole> roles = inventory.cloudRoles().stream()
                .collect(Collectors.toMap(CloudRole::address, r -> r));
        assertThat(roles).containsOnlyKeys("aws_iam_role.anyone", "aws_iam_role.org_wide", "aws_iam_role.pinned",
                "aws_iam_role.gitlab_group", "aws_iam_role.deploy", "aws_iam_role.for_each_repository",
                "aws_iam_role.formatted", "aws_iam_role.from_variable", "aws_iam_role.mixed");
        // A sub condition whose values are computed is a condition, whose breadth the code does not say.
        for (String computed : List.of("for_each_repository", "formatted", "from_variable")) {
            assertThat(roles.get("aws_iam_role." + computed).trusts()).as(computed).singleElement().satisfies(t -> {
                assertThat(t.scope()).isEqualTo(SubjectScope.COMPUTED);
                assertThat(t.subjects()).isEmpty();
                assertThat(t.location().route()).isEqualTo("condition.sub");
            });
        }
        assertThat(roles.get("aws_iam_role.mixed").trusts()).singleElement().satisfies(t -> {
            assertThat(t.scope()).isEqualTo(SubjectScope.ORGANISATION);
            assertThat(t.subjects()).containsExactly("repo:acme/*");
        });
        assertThat(roles.get("aws_iam_role.anyone").broadestScope()).isEqualTo(SubjectScope.ANY);
        assertThat(roles.get("aws_iam_role.org_wide").broadestScope()).isEqualTo(SubjectScope.ORGANISATION);
        assertThat(roles.get("aws_iam_role.pinned").broadestScope()).isEqualTo(SubjectScope.PINNED);
        assertThat(roles.get("aws_iam_role.deploy").broadestScope()).isEqualTo(SubjectScope.PINNED);
        CloudRole gitlab = roles.get("aws_iam_role.gitlab_group");
        assertThat(gitlab.trusts()).singleElement().satisfies(t -> {
            assertThat(t.issuer()).isEqualTo("gitlab.com");
            assertThat(t.scope()).isEqualTo(SubjectScope.ORGANISATION);
            assertThat(t.location().path()).isEqualTo("documents.tf");
            assertThat(t.location().startLine()).isEqualTo(10);
        });
        CloudRole orgWide = roles.get("aws_iam_role.org_wide");
        assertThat(orgWide.name()).isEqualTo("org-wide");
        assertThat(orgWide.arn()).isEqualTo("arn:aws:iam::111122223333:role/org-wide");
        assertThat(orgWide.account()).isEqualTo("111122223333");
        assertThat(orgWide.location().startLine()).isEqualTo(21);
        assertThat(orgWide.trusts().get(0).subjects()).containsExactly("repo:acme/*");
        // the deploy role's provider is a resource reference, resolved through its url in another file
        assertThat(roles.get("aws_iam_role.deploy").trusts().get(0).issuer()).isEqualTo("token.actions.githubusercontent.com");
    }

    @Test
    void subjectsAreClassifiedByHowMuchTheyLetIn() {
        assertThat(scope("repo:acme/app:ref:refs/heads/main", false)).isEqualTo(SubjectScope.PINNED);
        assertThat(scope("repo:acme/app:environment:production", true)).isEqualTo(SubjectScope.PINNED);
        assertThat(scope("repo:acme/app:*", true)).isEqualTo(SubjectScope.REPOSITORY);
        assertThat(scope("repo:acme/app:ref:*", true)).isEqualTo(SubjectScope.REPOSITORY);
        assertThat(scope("repo:acme/*", true)).isEqualTo(SubjectScope.ORGANISATION);
        assertThat(scope("repo:acme/*:ref:refs/heads/main", true)).isEqualTo(SubjectScope.ORGANISATION);
        assertThat(scope("repo:*", true)).isEqualTo(SubjectScope.ANY);
        assertThat(scope("*", true)).isEqualTo(SubjectScope.ANY);
        // StringEquals reads * literally: the value names one (odd) repository
        assertThat(scope("repo:acme/*", false)).isEqualTo(SubjectScope.REPOSITORY);
        assertThat(scope("project_path:group/app:ref_type:branch:ref:main", false)).isEqualTo(SubjectScope.PINNED);
        assertThat(TrustPolicies.classify(List.of())).isEqualTo(SubjectScope.ANY);
        assertThat(TrustPolicies.classify(List.of(new TrustPolicies.Subject("repo:a/b:ref:refs/heads/main", false),
                new TrustPolicies.Subject("repo:a/*", true)))).isEqualTo(SubjectScope.ORGANISATION);
    }

    @Test
    void invalidHclIsAProblemOfTheFileAndDataLookupsStayOffline(@TempDir Path dir) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            Files.writeString(dir.resolve("broken.tf"), "resource \"aws_iam_role\" \"x\" {\n name = = \"x\"\n}\n");
            // hcl4j fetches this URL while parsing unless its data lookups are off
            Files.writeString(dir.resolve("http.tf"), "data \"http\" \"leak\" {\n  url = \"http://127.0.0.1:"
                    + server.getAddress().getPort() + "/leak\"\n}\n");
            Inventory inventory = new Discovery().discover(dir, List.of(dir), null);
            assertThat(inventory.cloudRoles()).isEmpty();
            assertThat(inventory.files()).hasSize(2);
            assertThat(inventory.problems()).singleElement().satisfies(p -> {
                assertThat(p.location().path()).isEqualTo("broken.tf");
                assertThat(p.location().startLine()).isEqualTo(2);
                assertThat(p.message()).startsWith("not valid HCL: Illegal character");
            });
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    /**
     * What Terraform refuses but hcl4j takes in silence, losing what follows (a comment or heredoc never closed, a
     * block without its closing brace, a stray or mismatched bracket), or with an unhelpful message (a string left
     * open), is one problem at the construct that does not close, and the file is not read, as Terraform would not;
     * the module's other files are still read.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /* the rest is a comment\\nresource "aws_iam_role" "late" {\\n}\\n    | 4 | 1  | a comment opened with /* is never closed
            locals {\\n  x = <<EOT\\nhello\\n}\\n                                  | 5 | 7  | the heredoc <<EOT is never closed: no later line holds its marker alone
            locals {\\n  x = <<-EOT\\n  hello\\n  EOX\\n}\\n                          | 5 | 7  | the heredoc <<-EOT is never closed: no later line holds its marker alone
            resource "aws_iam_role" "open" {\\n  name = "x"\\n                   | 4 | 32 | a { opened here is never closed
            locals {\\n  x = 1\\n}\\n}\\n                                         | 7 | 1  | a closing } with nothing open
            locals {\\n  x = [1, 2\\n}\\n                                         | 5 | 7  | a [ opened here is closed by a }
            locals {\\n  x = "abc\\n}\\n                                          | 5 | 7  | a string is not closed before the end of its line
            locals {\\n  x = "${upper("a")}\\n}\\n                               | 5 | 7  | a string is not closed before the end of its line
            x = "${ {a = 1}\\n                                                | 4 | 7  | a template opened with ${ is never closed
            """)
    void whatDoesNotCloseIsOneProblemWhereItOpens(String tail, int line, int column, String what, @TempDir Path dir)
            throws Exception {
        String head = "resource \"aws_iam_role\" \"early\" {\n  name = \"early\"\n}\n";
        Files.writeString(dir.resolve("broken.tf"), head + tail.replace("\\n", "\n"));
        Files.writeString(dir.resolve("good.tf"), "resource \"aws_iam_role\" \"ci\" {\n  assume_role_policy = <<EOF\n"
                + TRUST + "\nEOF\n}\n");
        Inventory inventory = new Discovery().discover(dir, List.of(dir), null);
        assertThat(inventory.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().path()).isEqualTo("broken.tf");
            assertThat(p.location().startLine()).as("line").isEqualTo(line);
            assertThat(p.location().startColumn()).as("column").isEqualTo(column);
            assertThat(p.message()).isEqualTo("not valid HCL: " + what
                    + " (Terraform refuses the file, so it was not read)");
            assertThat(p.fatal()).isTrue();
        });
        assertThat(inventory.cloudRoles()).extracting(CloudRole::address).contains("aws_iam_role.ci");
    }

    /**
     * Only the blocks the reader uses are parsed, one by one. Valid HCL that hcl4j fails on (arithmetic in a
     * template) loses only its own block, with a warning at the block's line: the whole file, with the roles in it,
     * was once lost. A syntax error in a block is an error at the line and column hcl4j names, and the blocks around
     * it are read too. Blocks the reader does not use are not parsed, whatever they hold.
     */
    @Test
    void aBlockHcl4jCannotReadLosesOnlyItself(@TempDir Path dir) throws Exception {
        String role = "resource \"aws_iam_role\" \"%s\" {\n  assume_role_policy = <<EOF\n" + TRUST + "\nEOF\n}\n";
        Files.writeString(dir.resolve("main.tf"), role.formatted("before") + "\n# the count\n"
                + "data \"aws_iam_policy_document\" \"d\" {\n  count = \"${1 - var.enabled}\"\n}\n" + role.formatted("after"));
        Files.writeString(dir.resolve("other.tf"), role.formatted("first") + "resource \"aws_iam_role\" \"bad\" {\n"
                + "  name = = 1\n}\nlocals {\n  x = = 1\n  y = \"${1 - var.enabled}\"\n}\n" + role.formatted("last"));
        Inventory inventory = new Discovery().discover(dir, List.of(dir), null);
        assertThat(inventory.cloudRoles()).extracting(CloudRole::address).containsExactlyInAnyOrder(
                "aws_iam_role.before", "aws_iam_role.after", "aws_iam_role.first", "aws_iam_role.last");
        assertThat(inventory.problems()).extracting(p -> p.location().path() + ":" + p.location().startLine() + ":"
                        + p.location().startColumn() + " " + p.fatal() + " " + p.message().replaceAll(" \\(.*", ""))
                .containsExactlyInAnyOrder(
                        "main.tf:8:1 false not read: the HCL parser",
                        "other.tf:7:10 true not valid HCL: Illegal character <(=) - state: 14> found on line: 7 col: 10");
    }

    /**
     * hcl4j evaluates what it can while it parses: nested {@code for} expressions over literal lists, a crafted
     * pattern in {@code regexall}, a long separator in {@code join} or a wide {@code format} once held a scan past
     * a minute or ran it out of memory. A {@code for} is read as an empty value and those functions as unknown, so
     * each file here is read at once, and its role with it.
     */
    @Test
    void whatHcl4jWouldExpandWithoutEndIsNotEvaluated(@TempDir Path dir) throws Exception {
        String items = java.util.stream.IntStream.range(0, 400).mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
        String role = "resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = <<EOF\n" + TRUST + "\nEOF\n}\n";
        Map<String, String> files = Map.of(
                "nested-for.tf", "locals {\n  x = [for a in [%1$s] : [for b in [%1$s] : [for c in [%1$s] : c]]]\n"
                        .formatted(items) + "  y = {for a in [%1$s] : a => [for b in [%1$s] : [for c in [%1$s] : c]]}\n}\n"
                        .formatted(items),
                "long-body.tf", "locals {\n  x = [for a in [%s] : \"%s\"]\n}\n".formatted(items.repeat(20), "y".repeat(200_000)),
                "regex.tf", "locals {\n  x = regexall(\"(.*.*.*.*.*.*.*.*.*=){10}\", \"%s\")\n}\n".formatted("a".repeat(3_000)),
                "join.tf", "locals {\n  x = join(\"%s\", [%s])\n}\n".formatted("b".repeat(200_000), items.repeat(20)),
                "format.tf", "locals {\n  x = format(\"%%999999999s\", \"a\")\n}\n");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path module = Files.createDirectories(dir.resolve(file.getKey().replace(".tf", "")));
            Files.writeString(module.resolve(file.getKey()), file.getValue() + role);
            long started = System.nanoTime();
            Inventory inventory = new Discovery().discover(module, List.of(module), null);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).as(file.getKey()).isLessThan(10_000);
            assertThat(inventory.problems()).as(file.getKey()).isEmpty();
            assertThat(inventory.cloudRoles()).as(file.getKey()).extracting(CloudRole::address)
                    .containsExactly("aws_iam_role.r");
        }
    }

    /**
     * hcl4j's time grows with a block's length times its braces: a file of policy documents crafted with thousands
     * of nested blocks each (which no real policy has, AWS capping one at 10 KiB) is read only as far as a bound on
     * that work, with a warning where it stops, while a module of a hundred ordinary documents is read whole.
     */
    @Test
    void policyDocumentsCraftedToBeSlowAreReadOnlyAsFarAsABound(@TempDir Path dir) throws Exception {
        String crafted = "data \"aws_iam_policy_document\" \"d%d\" {\n" + "  statement {}\n".repeat(14_000) + "}\n";
        Path slow = Files.createDirectories(dir.resolve("slow"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            text.append(crafted.formatted(i));
        }
        Files.writeString(slow.resolve("main.tf"), text);
        long started = System.nanoTime();
        Inventory inventory = new Discovery().discover(slow, List.of(slow), null);
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(10_000);
        assertThat(inventory.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().startLine()).isEqualTo(1);
            assertThat(p.message()).startsWith("not read from here on");
            assertThat(p.fatal()).isFalse();
        });

        Path ordinary = Files.createDirectories(dir.resolve("ordinary"));
        String statement = "  statement {\n    actions = [\"sts:AssumeRoleWithWebIdentity\"]\n    principals {\n"
                + "      type = \"Federated\"\n      identifiers = [\"arn:aws:iam::111122223333:oidc-provider/"
                + "token.actions.githubusercontent.com\"]\n    }\n    condition {\n      test = \"StringEquals\"\n"
                + "      variable = \"token.actions.githubusercontent.com:sub\"\n      values = [\"repo:acme/app%d:ref:refs/"
                + "heads/main\"]\n    }\n  }\n";
        StringBuilder module = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            module.append("data \"aws_iam_policy_document\" \"d").append(i).append("\" {\n");
            for (int k = 0; k < 12; k++) {
                module.append(statement.formatted(k));
            }
            module.append("}\nresource \"aws_iam_role\" \"r").append(i).append("\" {\n  assume_role_policy = ")
                    .append("data.aws_iam_policy_document.d").append(i).append(".json\n}\n");
        }
        Files.writeString(ordinary.resolve("main.tf"), module);
        Inventory read = new Discovery().discover(ordinary, List.of(ordinary), null);
        assertThat(read.problems()).isEmpty();
        assertThat(read.cloudRoles()).hasSize(100);
    }

    /** A single {@code for} over a literal list reads as a computed value, and its lines stay where they were. */
    @Test
    void aForExpressionIsReadAsComputedWithTheLinesAfterItInPlace(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                data "aws_iam_policy_document" "trust" {
                  statement {
                    actions = ["sts:AssumeRoleWithWebIdentity"]
                    principals {
                      type        = "Federated"
                      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
                    }
                    condition {
                      test     = "StringLike"
                      variable = "token.actions.githubusercontent.com:aud"
                      values   = [for audience in [
                        "sts.amazonaws.com",
                      ] : audience]
                    }
                    condition {
                      test     = "StringLike"
                      variable = "token.actions.githubusercontent.com:sub"
                      values   = ["repo:acme/*"]
                    }
                  }
                }

                resource "aws_iam_role" "ci" {
                  assume_role_policy = data.aws_iam_policy_document.trust.json
                }
                """);
        Inventory inventory = new Discovery().discover(dir, List.of(dir), null);
        assertThat(inventory.cloudRoles()).singleElement().satisfies(role -> {
            assertThat(role.location().startLine()).isEqualTo(23);
            assertThat(role.trusts()).singleElement().satisfies(t -> {
                assertThat(t.scope()).isEqualTo(SubjectScope.ORGANISATION);
                assertThat(t.location().startLine()).isEqualTo(17);
            });
        });
    }

    /** A .tf file that is not UTF-8 text is a problem at the bad byte's line; the module's other files are read. */
    @Test
    void aFileThatIsNotUtf8TextIsAProblemAtItsLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.tf"), "resource \"aws_iam_role\" \"ok\" {\n  name = \"ok\"\n"
                + "  assume_role_policy = \"{}\"\n}\n");
        Files.write(dir.resolve("b.tf"), new byte[] {'#', ' ', 'x', '\n', 'y', ' ', '=', ' ', '"', (byte) 0xFF, '"', '\n'});
        Files.write(dir.resolve("c.tf"), new byte[] {0, 1, 2, 3});
        Inventory inventory = new Discovery().discover(dir, List.of(dir), null);
        assertThat(inventory.files()).hasSize(3);
        assertThat(inventory.problems()).extracting(p -> p.location().path(), p -> p.location().startLine(),
                p -> p.message().substring(0, 16)).containsExactly(
                org.assertj.core.groups.Tuple.tuple("b.tf", 2, "not valid UTF-8:"),
                org.assertj.core.groups.Tuple.tuple("c.tf", 1, "not a text file:"));
    }

    /**
     * A module file of thousands of roles is read a few blocks at a time, in time linear in its size: read
     * whole, hcl4j took half a minute over 1.8 MB. A broken block and an oversized one are problems at their
     * lines, and every other role is still read.
     */
    @Test
    void aLargeFileIsReadInPartsAndItsBadBlocksAreProblemsOfTheirOwn(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder();
        int roles = 6_000;
        int brokenLine = 0;
        int hugeLine = 0;
        for (int i = 0; i < roles; i++) {
            if (i == 2_000) {
                brokenLine = (int) text.chars().filter(c -> c == '\n').count() + 2;
                text.append("resource \"aws_iam_role\" \"broken\" {\n  name = = \"x\"\n}\n");
            }
            if (i == 3_000) {
                // Most of a module is blocks the reader does not use: not parsed, so neither slow nor a problem.
                text.append("locals {\n").append("  v = {a = \"x\"}\n".repeat(5_000)).append("}\n");
            }
            if (i == 4_000) {
                hugeLine = (int) text.chars().filter(c -> c == '\n').count() + 1;
                text.append("data \"aws_iam_policy_document\" \"huge\" {\n").append("  v = \"x\"\n".repeat(30_000))
                        .append("}\n");
            }
            text.append("resource \"aws_iam_role\" \"r").append(i).append("\" {\n  name = \"r").append(i)
                    .append("\"\n  assume_role_policy = jsonencode({Statement = [{Effect = \"Allow\", Action = ")
                    .append("\"sts:AssumeRoleWithWebIdentity\", Principal = {Federated = \"arn:aws:iam::111122223333:")
                    .append("oidc-provider/token.actions.githubusercontent.com\"}}]})\n}\n");
        }
        Files.writeString(dir.resolve("roles.tf"), text);

        long started = System.nanoTime();
        Inventory inventory = new Discovery().discover(dir, List.of(dir), null);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(millis).as("read time").isLessThan(15_000);
        assertThat(inventory.cloudRoles()).hasSize(roles);
        CloudRole last = inventory.cloudRoles().stream().filter(r -> r.address().equals("aws_iam_role.r5999")).findFirst().orElseThrow();
        assertThat(last.location().startLine()).isEqualTo(text.toString().split("\n").length - 3);
        assertThat(inventory.problems()).extracting(p -> p.location().startLine(), p -> p.message().substring(0, 14))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(brokenLine, "not valid HCL:"),
                        org.assertj.core.groups.Tuple.tuple(hugeLine, "a block of ove"));
    }

    private static SubjectScope scope(String value, boolean like) {
        return TrustPolicies.classify(new TrustPolicies.Subject(value, like));
    }

    /** Managed policies attached to a role by reference, by name or on the role itself, each where it is attached. */
    @Test
    void attachedManagedPoliciesAreReadWithTheirPlace() throws Exception {
        Path dir = Path.of("src/test/resources/checks/tf-pull-request-role-writes");
        Map<String, CloudRole> roles = new Discovery().discover(dir, List.of(dir), null).cloudRoles().stream()
                .collect(Collectors.toMap(CloudRole::address, r -> r));
        assertThat(roles.get("aws_iam_role.pull_requests").policies()).extracting(CloudRole.AttachedPolicy::awsManagedName)
                .containsExactlyInAnyOrder("AdministratorAccess", "ReadOnlyAccess");
        assertThat(roles.get("aws_iam_role.pull_requests").policies()).allSatisfy(p ->
                assertThat(p.location().route()).startsWith("aws_iam_role_policy_attachment.pull_requests_"));
        assertThat(roles.get("aws_iam_role.any_ref").policies()).extracting(CloudRole.AttachedPolicy::awsManagedName)
                .containsExactly("PowerUserAccess", "ReadOnlyAccess");
        assertThat(roles.get("aws_iam_role.by_name").policies()).singleElement()
                .satisfies(p -> assertThat(p.arn()).isEqualTo("arn:aws:iam::aws:policy/AmazonS3FullAccess"));
        // Inline policies, with the actions they allow: written out, on the role, or a document of the module.
        CloudRole inline = roles.get("aws_iam_role.inline");
        assertThat(inline.permissionsKnown()).isTrue();
        assertThat(inline.policies()).extracting(CloudRole.AttachedPolicy::arn)
                .containsExactlyInAnyOrder("inline:state", "inline:describe");
        assertThat(inline.policies()).filteredOn(p -> p.arn().equals("inline:state")).singleElement().satisfies(p -> {
            assertThat(p.actions()).containsExactly("s3:GetObject", "s3:PutObject");
            assertThat(p.writingActions()).containsExactly("s3:PutObject");
            assertThat(p.label()).isEqualTo("inline policy state (s3:PutObject)");
        });
        assertThat(inline.policies()).filteredOn(p -> p.arn().equals("inline:describe")).singleElement()
                .satisfies(p -> assertThat(p.writes()).isFalse());
        assertThat(roles.get("aws_iam_role.document").policies()).singleElement().satisfies(p -> {
            assertThat(p.actions()).containsExactly("dynamodb:GetItem", "dynamodb:Query");
            assertThat(p.writes()).isFalse();
        });
        // Writes of Terraform's state locks are what a plan must do: not counted.
        assertThat(roles.get("aws_iam_role.plan").policies()).noneMatch(CloudRole.AttachedPolicy::writes);
        assertThat(roles.get("aws_iam_role.plan").permissionsKnown()).isTrue();
        assertThat(new CloudRole.AttachedPolicy("arn:aws:iam::111122223333:policy/custom", null).awsManagedName()).isNull();
        assertThat(new CloudRole.AttachedPolicy("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", null).awsManagedName())
                .isEqualTo("ViewOnlyAccess");
    }
}
