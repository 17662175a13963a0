package dev.cimatrix.discover.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParserException;
import dev.cimatrix.discover.FoundFile;
import dev.cimatrix.discover.yaml.YamlLoadException;
import dev.cimatrix.discover.yaml.YamlLoader;
import dev.cimatrix.io.IoReason;
import dev.cimatrix.model.CloudRole;
import dev.cimatrix.model.CloudRole.OidcTrust;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the IAM roles of a Terraform module (the {@code .tf} files of one folder) whose trust policy lets a
 * CI platform's OIDC tokens assume them. The policy may be written inline with {@code jsonencode}, as a
 * JSON heredoc, or as an {@code aws_iam_policy_document} data block in any file of the module.
 *
 * <p>hcl4j parses; it evaluates literals and functions such as {@code jsonencode} and leaves references
 * ({@code data.x.y.json}) as their text, which is how a role finds its policy document. hcl4j keeps no
 * source positions in its result, so a role's location is the line of its block header and a trust's the
 * line of its {@code :sub} condition key, both looked up in the file the block was read from.
 */
public final class TerraformReader {
    private static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
    private static final Pattern ACCOUNT = Pattern.compile("arn:aws:iam::(\\d{12}):");
    private static final Pattern SUBJECT_KEY = Pattern.compile("(token\\.actions\\.githubusercontent\\.com|gitlab\\.com):sub");
    private static final Pattern NEXT_BLOCK = Pattern.compile("(?m)^(resource|data|module|variable|output|locals|provider|terraform)\\b");
    private static final Pattern SYNTAX_POSITION = Pattern.compile("line: (\\d+) col: (\\d+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TerraformReader() {
    }

    /** A parsed file: its path, text and what hcl4j made of it. */
    private record Parsed(FoundFile file, String text, Map<String, Object> blocks) {
    }

    public static List<CloudRole> readModule(List<FoundFile> files, List<ReadProblem> problems) {
        List<Parsed> parsed = new ArrayList<>();
        for (FoundFile f : files) {
            try {
                String text = YamlLoader.decode(f.relativePath(), YamlLoader.read(f.file(), f.size(), f.relativePath(), MAX_FILE_BYTES));
                parsed.add(new Parsed(f, text, new OfflineHclParser().parse(text)));
            } catch (YamlLoadException e) {
                // Not text, or not UTF-8: said where, as for any definition read.
                problems.add(new ReadProblem(e.location(), e.reason(), true));
            } catch (HCLParserException | RuntimeException e) {
                // hcl4j reports some syntax errors wrapped in a RuntimeException; the innermost says where
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                String reason = String.valueOf(cause.getMessage()).replaceAll("\\s+", " ").strip();
                Matcher at = SYNTAX_POSITION.matcher(reason);
                Location where = at.find()
                        ? new Location(f.relativePath(), Integer.parseInt(at.group(1)), Math.max(1, Integer.parseInt(at.group(2))),
                        Integer.parseInt(at.group(1)), Math.max(1, Integer.parseInt(at.group(2))), "")
                        : Location.line(f.relativePath(), 1, "");
                problems.add(new ReadProblem(where, "not valid HCL: " + reason, true));
            } catch (IOException e) {
                problems.add(new ReadProblem(Location.line(f.relativePath(), 1, ""), "cannot read the file: " + IoReason.of(e), true));
            }
        }
        Map<String, String> providerIssuers = new HashMap<>();
        Map<String, Parsed> documentFiles = new HashMap<>();
        Map<String, Map<?, ?>> documents = new HashMap<>();
        for (Parsed p : parsed) {
            blocks(p.blocks, "resource", "aws_iam_openid_connect_provider").forEach((name, body) -> {
                String issuer = TrustPolicies.issuerIn(String.valueOf(body.get("url")));
                if (issuer != null) {
                    providerIssuers.put("aws_iam_openid_connect_provider." + name, issuer);
                }
            });
            blocks(p.blocks, "data", "aws_iam_policy_document").forEach((name, body) -> {
                documents.put(name, body);
                documentFiles.put(name, p);
            });
        }
        List<CloudRole> roles = new ArrayList<>();
        for (Parsed p : parsed) {
            blocks(p.blocks, "resource", "aws_iam_role").forEach((label, body) -> {
                Location header = header(p, "resource", "aws_iam_role", label);
                Object policy = body.get("assume_role_policy");
                List<TrustPolicies.Statement> statements;
                Parsed policyFile = p;
                int searchFrom = offsetOf(p, header);
                String policyText = String.valueOf(policy);
                if (policyText.startsWith("data.aws_iam_policy_document.")) {
                    String name = policyText.substring("data.aws_iam_policy_document.".length()).replaceAll("\\.json$", "");
                    Map<?, ?> document = documents.get(name);
                    if (document == null) {
                        return;
                    }
                    statements = TrustPolicies.fromDocument(document, providerIssuers);
                    policyFile = documentFiles.get(name);
                    searchFrom = offsetOf(policyFile, header(policyFile, "data", "aws_iam_policy_document", name));
                    policyText = String.valueOf(document);
                } else {
                    statements = TrustPolicies.fromJson(policy instanceof Map<?, ?> ? policy : json(policyText));
                }
                if (statements.isEmpty()) {
                    return;
                }
                List<OidcTrust> trusts = new ArrayList<>();
                for (TrustPolicies.Statement s : statements) {
                    Location where = s.subjects().isEmpty() ? header : subjectLine(policyFile, searchFrom).orElse(header);
                    trusts.add(new OidcTrust(s.issuer(), s.subjects().stream().map(TrustPolicies.Subject::value).toList(),
                            TrustPolicies.classify(s.subjects()), where));
                }
                String name = roleName(body.get("name"), label);
                Matcher account = ACCOUNT.matcher(policyText);
                String accountId = account.find() ? account.group(1) : null;
                String arn = accountId != null ? "arn:aws:iam::" + accountId + ":role/" + name : null;
                roles.add(new CloudRole("aws", "aws_iam_role." + label, name, arn, accountId, header, trusts));
            });
        }
        return roles;
    }

    /** The role's name when written literally, else the resource label (an interpolated name cannot be matched). */
    private static String roleName(Object written, String label) {
        if (written instanceof String s && !s.isBlank() && !s.matches(".*\\b(var|local|data|module)\\..*")) {
            return s;
        }
        return label;
    }

    private static Object json(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readValue(trimmed, Map.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The blocks of one type, such as {@code resource "aws_iam_role"}, by label, in source order. */
    private static Map<String, Map<?, ?>> blocks(Map<String, Object> parsed, String kind, String type) {
        Map<String, Map<?, ?>> out = new TreeMap<>();
        if (parsed.get(kind) instanceof Map<?, ?> byType && byType.get(type) instanceof Map<?, ?> byLabel) {
            byLabel.forEach((label, body) -> {
                for (Object one : TrustPolicies.list(body)) {
                    if (one instanceof Map<?, ?> m) {
                        out.put(String.valueOf(label), m);
                    }
                }
            });
        }
        return out;
    }

    /** The line of a block header such as {@code resource "aws_iam_role" "deploy" {}. */
    private static Location header(Parsed file, String kind, String type, String label) {
        Pattern header = Pattern.compile("(?m)^[ \\t]*" + kind + "\\s+\"" + Pattern.quote(type) + "\"\\s+\"" + Pattern.quote(label) + "\"");
        Matcher m = header.matcher(file.text);
        if (!m.find()) {
            return Location.line(file.file.relativePath(), 1, kind + "." + type + "." + label);
        }
        int start = m.start() + (m.group().length() - m.group().stripLeading().length());
        return at(file, start, m.end(), kind.equals("data") ? "data." + type + "." + label : type + "." + label);
    }

    /** The first {@code …:sub} condition key of the block that starts at an offset. */
    private static java.util.Optional<Location> subjectLine(Parsed file, int from) {
        Matcher next = NEXT_BLOCK.matcher(file.text);
        int end = next.find(Math.min(file.text.length(), from + 1)) ? next.start() : file.text.length();
        Matcher m = SUBJECT_KEY.matcher(file.text).region(Math.max(0, from), end);
        if (m.find()) {
            return java.util.Optional.of(at(file, m.start(), m.end(), "condition.sub"));
        }
        return java.util.Optional.empty();
    }

    private static int offsetOf(Parsed file, Location location) {
        int line = 1;
        for (int i = 0; i < file.text.length(); i++) {
            if (line == location.startLine()) {
                return i;
            }
            if (file.text.charAt(i) == '\n') {
                line++;
            }
        }
        return 0;
    }

    private static Location at(Parsed file, int start, int end, String route) {
        int line = 1;
        int column = 1;
        int endLine = 1;
        int endColumn = 1;
        int l = 1;
        int c = 1;
        for (int i = 0; i < end && i < file.text.length(); i++) {
            if (i == start) {
                line = l;
                column = c;
            }
            if (i == end - 1) {
                endLine = l;
                endColumn = c;
            }
            if (file.text.charAt(i) == '\n') {
                l++;
                c = 1;
            } else {
                c++;
            }
        }
        return new Location(file.file.relativePath(), line, column, endLine, Math.max(endColumn, endLine == line ? column : 1), route);
    }
}
