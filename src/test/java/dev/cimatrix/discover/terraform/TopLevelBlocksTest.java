package dev.cimatrix.discover.terraform;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing a file a few blocks at a time must give what parsing it whole gives. */
class TopLevelBlocksTest {
    /** Blocks with what could hide a brace: strings, templates, heredocs and comments. */
    private static final List<String> BLOCKS = List.of(
            """
            resource "aws_iam_role" "r%1$d" {
              name = "role-${var.env}-{%1$d}"
              description = "a } and a { in a string, and \\"quotes\\""
              assume_role_policy = jsonencode({
                Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity" }]
              })
            }
            """,
            """
            # a comment with a } brace
            data "aws_iam_policy_document" "d%1$d" {
              statement {
                actions = ["sts:AssumeRoleWithWebIdentity"] // and { here
                condition {
                  test     = "StringLike"
                  variable = "token.actions.githubusercontent.com:sub"
                  values   = ["repo:acme/app-%1$d:*"]
                }
              }
            }
            """,
            """
            resource "aws_iam_policy" "p%1$d" {
              policy = <<EOT
            {"Statement": [{"Effect": "Allow", "Resource": "}"}]
            EOT
            }
            """,
            """
            /* a block comment { with braces
               over lines } */
            locals {
              name%1$d = "${lookup({a = "}"}, "a", "x")}-$${literal}"
            }
            """,
            """
            resource "aws_iam_openid_connect_provider" "o%1$d" {
              url = "https://token.actions.githubusercontent.com"
              client_id_list = ["sts.amazonaws.com"]
            }
            """);

    private static String module(Random random, int blocks) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < blocks; i++) {
            text.append(String.format(BLOCKS.get(random.nextInt(BLOCKS.size())), i)).append('\n');
        }
        return text.toString();
    }

    @Test
    void partsParsedOneByOneGiveWhatTheWholeFileGives() throws Exception {
        Random random = new Random(6);
        for (int round = 0; round < 20; round++) {
            String text = module(random, 30);
            Map<String, Object> whole = new OfflineHclParser().parse(text);
            for (int partChars : new int[] {1, 200, 2_000}) {
                List<TopLevelBlocks.Part> parts = TopLevelBlocks.split(text, partChars);
                assertThat(parts).as("round %d", round).isNotNull();
                assertThat(parts.get(0).start()).isZero();
                assertThat(parts.get(parts.size() - 1).end()).isEqualTo(text.length());
                Map<String, Object> merged = new java.util.HashMap<>();
                for (TopLevelBlocks.Part part : parts) {
                    assertThat(text.substring(0, part.start()).split("\n", -1)).hasSize(part.line());
                    TerraformReader.merge(merged, new OfflineHclParser().parse(part.of(text)));
                }
                assertThat(canonical(merged)).as("round %d, parts of %d", round, partChars).isEqualTo(canonical(whole));
            }
        }
    }

    @Test
    void withPartsOfOneCharEachBlockIsAPart() {
        String text = module(new Random(1), 12);
        List<TopLevelBlocks.Part> parts = TopLevelBlocks.split(text, 1);
        assertThat(parts).hasSize(12 + 1);
        for (TopLevelBlocks.Part part : parts.subList(0, 12)) {
            assertThat(part.of(text).strip()).endsWith("}");
        }
        assertThat(parts.get(12).of(text)).isBlank();
    }

    @Test
    void theFixturesSplitWhereTheirBlocksEnd() throws Exception {
        for (Path file : List.of(Path.of("src/test/resources/checks/tf-oidc-broad-trust/roles.tf"),
                Path.of("src/test/resources/checks/tf-oidc-broad-trust/documents.tf"))) {
            String text = Files.readString(file);
            List<TopLevelBlocks.Part> parts = TopLevelBlocks.split(text, 1);
            Map<String, Object> merged = new java.util.HashMap<>();
            for (TopLevelBlocks.Part part : parts) {
                TerraformReader.merge(merged, new OfflineHclParser().parse(part.of(text)));
            }
            assertThat(canonical(merged)).as("%s", file).isEqualTo(canonical(new OfflineHclParser().parse(text)));
        }
    }

    /** Any text: the scan ends, and the parts it gives cover the text in order, each after the one before. */
    @Test
    void anyTextIsCutIntoPartsThatCoverItOrIsLeftWhole() {
        String[] pieces = {"{", "}", "[", "]", "(", ")", "\"", "\\", "${", "%{", "$${", "#", "//", "/*", "*/", "<<EOT\n",
                "<<-X\n", "EOT\n", "X", "\n", " ", "a", "=", "'", "for ", "[for ", "{ for "};
        Random random = new Random(61);
        int split = 0;
        for (int round = 0; round < 50_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            List<TopLevelBlocks.Part> parts = TopLevelBlocks.split(text.toString(), 1 + random.nextInt(8));
            TopLevelBlocks.Fault fault = TopLevelBlocks.fault(text.toString());
            assertThat(fault == null).as("%s", text).isEqualTo(parts != null);
            String evaluable = TopLevelBlocks.withoutForExpressions(text.toString());
            assertThat(evaluable == null).as("%s", text).isEqualTo(parts == null);
            if (evaluable != null) {
                // The same length and lines, and the same blocks.
                assertThat(evaluable.length()).isEqualTo(text.length());
                for (int i = 0; i < text.length(); i++) {
                    assertThat(evaluable.charAt(i) == '\n').as("%s at %d", text, i).isEqualTo(text.charAt(i) == '\n');
                }
                assertThat(TopLevelBlocks.split(evaluable, 1)).as("%s", text).hasSameSizeAs(TopLevelBlocks.split(text.toString(), 1));
            }
            if (parts == null) {
                // Said at a character of the text.
                assertThat(fault.offset()).as("%s", text).isBetween(0, text.length() - 1);
                continue;
            }
            split++;
            int at = 0;
            int line = 1;
            for (TopLevelBlocks.Part part : parts) {
                assertThat(part.start()).as("%s", text).isEqualTo(at);
                assertThat(part.end()).as("%s", text).isGreaterThan(part.start());
                assertThat(part.line()).as("%s", text).isEqualTo(line);
                line += (int) part.of(text.toString()).chars().filter(c -> c == '\n').count();
                at = part.end();
            }
            assertThat(at).isEqualTo(text.length());
        }
        assertThat(split).as("texts that split").isGreaterThan(1_000);
    }

    /** Strings, templates, heredocs and comments that hide brackets are no fault. */
    @Test
    void wellFormedModulesHaveNoFault() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            String text = module(random, 1 + random.nextInt(12));
            assertThat(TopLevelBlocks.fault(text)).as("%s", text).isNull();
        }
    }

    /** Only the insides of the outermost for expressions are blanked; strings and comments that say "for" stay. */
    @Test
    void forExpressionsAreBlankedInsideTheirBrackets() {
        String text = "locals {\n  a = [for x in [1, 2] : [for y in [3] : y]]\n  b = {\n    for k, v in {p = 1} : k => v\n  }\n"
                + "  c = \"[for x in y : x]\" # [for z in w : z]\n  d = [format, for_each]\n  e = [\"${[for q in [1] : q]}\"]\n}\n";
        assertThat(TopLevelBlocks.withoutForExpressions(text)).isEqualTo("locals {\n  a = ["
                + " ".repeat("for x in [1, 2] : [for y in [3] : y]".length()) + "]\n  b = {\n"
                + " ".repeat("    for k, v in {p = 1} : k => v".length()) + "\n  }\n"
                + "  c = \"[for x in y : x]\" # [for z in w : z]\n  d = [format, for_each]\n  e = [\"${["
                + " ".repeat("for q in [1] : q".length()) + "]}\"]\n}\n");
    }

    @Test
    void whatDoesNotCloseIsNotSplit() {
        for (String broken : List.of("resource \"a\" \"b\" {\n", "locals {\n  x = \"}\n}\n", "locals {\n  x = <<EOT\n}\n",
                "/* locals {}\n", "locals { x = \"${a\" }\n", "}\n")) {
            assertThat(TopLevelBlocks.split(broken, 1)).as(broken).isNull();
        }
    }

    /** Maps in key order and values as text: hcl4j leaves references as objects without equals. */
    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TopLevelBlocksTest::canonical).toList();
        }
        return String.valueOf(value);
    }
}
