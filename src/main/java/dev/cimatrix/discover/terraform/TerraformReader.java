package dev.cimatrix.discover.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParserException;
import dev.cimatrix.discover.FoundFile;
import dev.cimatrix.discover.yaml.SourceText;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /**
     * A block larger than this is not read: hcl4j takes time quadratic in the length of what it parses (see
     * {@link TopLevelBlocks}), so a file is parsed a block at a time, and a block only this long.
     */
    private static final int MAX_BLOCK_CHARS = 256 * 1024;
    /**
     * hcl4j's work on a block grows with its length times its braces (each brace sends its lexer to the end of the
     * text and back): about 2.5 ns a unit, so a file's blocks may take about three quarters of a second together.
     * Roles and policy documents are small (AWS caps a policy at 10 KiB): a module of a hundred 5 KiB policy
     * documents takes a sixth of this. Past it, a file crafted to hold a scan up is left unread.
     */
    private static final long MAX_PARSE_WORK = 300_000_000L;
    /**
     * The top-level blocks the reader uses, by their header: only these are parsed. The rest of a module (most of
     * it) costs a scan of its brackets, and whatever it holds is never evaluated.
     */
    private static final Pattern READ_BLOCK = Pattern.compile("(resource\\s+\"?(aws_iam_role_policy_attachment|aws_iam_role_policy|aws_iam_role|aws_iam_openid_connect_provider)"
            + "|data\\s+\"?aws_iam_policy_document)[\"\\s]");
    private static final Pattern ACCOUNT = Pattern.compile("arn:aws:iam::(\\d{12}):");
    /** A reference to a role of the module: {@code aws_iam_role.deploy.name} (or its id or ARN). */
    private static final Pattern ROLE_REFERENCE = Pattern.compile("\\$?\\{?aws_iam_role\\.([\\w-]+)\\.(?:name|id|arn)}?");
    private static final Pattern SUBJECT_KEY = Pattern.compile("(token\\.actions\\.githubusercontent\\.com|gitlab\\.com):sub");
    private static final Pattern NEXT_BLOCK = Pattern.compile("(?m)^(resource|data|module|variable|output|locals|provider|terraform)\\b");
    private static final Pattern SYNTAX_POSITION = Pattern.compile("line: (\\d+) col: (\\d+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TerraformReader() {
    }

    /** Block headers: {@code resource "aws_iam_role" "deploy"}, found all at once rather than one regex per role. */
    private static final Pattern HEADER = Pattern.compile("(?m)^[ \\t]*(resource|data)\\s+\"([^\"\\n]*)\"\\s+\"([^\"\\n]*)\"");

    /** A parsed file: its path, text with its line table, what hcl4j made of it, and where its blocks start. */
    private record Parsed(FoundFile file, SourceText source, Map<String, Object> blocks, Map<String, int[]> headers) {
        Parsed(FoundFile file, String text, Map<String, Object> blocks) {
            this(file, new SourceText(text), blocks, headers(text));
        }

        String text() {
            return source.text();
        }

        /** The span of each block's header, by kind, type and label; the first of a repeated one. */
        private static Map<String, int[]> headers(String text) {
            Map<String, int[]> headers = new HashMap<>();
            Matcher m = HEADER.matcher(text);
            while (m.find()) {
                headers.putIfAbsent(m.group(1) + " " + m.group(2) + " " + m.group(3), new int[] {m.start(1), m.end()});
            }
            return headers;
        }
    }

    public static List<CloudRole> readModule(List<FoundFile> files, List<ReadProblem> problems) {
        List<Parsed> parsed = new ArrayList<>();
        for (FoundFile f : files) {
            try {
                String text = YamlLoader.decode(f.relativePath(), YamlLoader.read(f.file(), f.size(), f.relativePath(), MAX_FILE_BYTES));
                TopLevelBlocks.Structure structure = TopLevelBlocks.structure(text);
                if (structure.fault() != null) {
                    problems.add(faultProblem(f, text, structure.fault()));
                    continue;
                }
                // What hcl4j parses; positions are looked up in the text itself, which has the same lines and blocks.
                String evaluable = structure.withoutForExpressions();
                parsed.add(new Parsed(f, text, readBlocks(f, evaluable, structure.parts(1), problems)));
            } catch (YamlLoadException e) {
                // Not text, or not UTF-8: said where, as for any definition read.
                problems.add(new ReadProblem(e.location(), e.reason(), true));
            } catch (RuntimeException e) {
                // A fault of this reader loses only this file, not the module's others.
                problems.add(new ReadProblem(Location.line(f.relativePath(), 1, ""), "internal error while reading: " + e,
                        true));
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
        // Managed policies attached to roles, by the role's label (aws_iam_role.<label>.name) or its name as written.
        Map<String, List<CloudRole.AttachedPolicy>> attached = new HashMap<>();
        for (Parsed p : parsed) {
            blocks(p.blocks, "resource", "aws_iam_role_policy_attachment").forEach((label, body) -> {
                Object policy = body.get("policy_arn");
                Object role = body.get("role");
                if (policy instanceof String arn && role != null) {
                    String key = roleKey(role);
                    attached.computeIfAbsent(key, k -> new ArrayList<>()).add(new CloudRole.AttachedPolicy(arn,
                            header(p, "resource", "aws_iam_role_policy_attachment", label)));
                }
            });
        }
        // Inline policies given to roles by aws_iam_role_policy: read with their actions where the policy is written out
        // or a document of the module; any other kind leaves what the role may do unknown.
        Set<String> unreadInline = new HashSet<>();
        for (Parsed p : parsed) {
            blocks(p.blocks, "resource", "aws_iam_role_policy").forEach((label, body) -> {
                Object role = body.get("role");
                if (role == null) {
                    return;
                }
                String key = roleKey(role);
                List<String> actions = inlineActions(body.get("policy"), documents);
                if (actions == null) {
                    unreadInline.add(key);
                } else {
                    attached.computeIfAbsent(key, k -> new ArrayList<>()).add(new CloudRole.AttachedPolicy(
                            "inline:" + (body.get("name") instanceof String n ? n : label),
                            header(p, "resource", "aws_iam_role_policy", label), actions));
                }
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
                    Location where = s.subjects().isEmpty() && !s.computed() ? header
                            : subjectLine(policyFile, searchFrom).orElse(header);
                    trusts.add(new OidcTrust(s.issuer(), s.subjects().stream().map(TrustPolicies.Subject::value).toList(),
                            s.scope(), where));
                }
                String name = roleName(body.get("name"), label);
                Matcher account = ACCOUNT.matcher(policyText);
                String accountId = account.find() ? account.group(1) : null;
                String arn = accountId != null ? "arn:aws:iam::" + accountId + ":role/" + name : null;
                List<CloudRole.AttachedPolicy> policies = new ArrayList<>(
                        attached.getOrDefault("aws_iam_role." + label, List.of()));
                policies.addAll(attached.getOrDefault("name:" + name, List.of()));
                for (Object managed : TrustPolicies.list(body.get("managed_policy_arns"))) {
                    if (managed instanceof String managedArn) {
                        policies.add(new CloudRole.AttachedPolicy(managedArn, header));
                    }
                }
                boolean inlinePolicies = unreadInline.contains("aws_iam_role." + label) || unreadInline.contains("name:" + name);
                for (Object block : TrustPolicies.list(body.get("inline_policy"))) {
                    List<String> actions = block instanceof Map<?, ?> m ? inlineActions(m.get("policy"), documents) : null;
                    if (actions == null) {
                        inlinePolicies = true;
                    } else {
                        policies.add(new CloudRole.AttachedPolicy("inline:" + (((Map<?, ?>) block).get("name")
                                instanceof String n ? n : "inline_policy"), header, actions));
                    }
                }
                roles.add(new CloudRole("aws", "aws_iam_role." + label, name, arn, accountId, header, trusts, policies,
                        inlinePolicies));
            });
        }
        return roles;
    }

    /**
     * The blocks of a file that the reader uses ({@link #READ_BLOCK}), parsed one by one from its top-level
     * {@code parts}: a block hcl4j cannot read is left out with a problem, as is one over {@link #MAX_BLOCK_CHARS},
     * and the others are kept.
     */
    private static Map<String, Object> readBlocks(FoundFile f, String text, List<TopLevelBlocks.Part> parts,
                                                  List<ReadProblem> problems) {
        Map<String, Object> blocks = new HashMap<>();
        Matcher header = READ_BLOCK.matcher(text);
        long work = 0;
        for (TopLevelBlocks.Part part : parts) {
            int start = part.firstCode(text);
            if (!header.region(start, part.end()).lookingAt()) {
                continue;
            }
            if (part.end() - part.start() > MAX_BLOCK_CHARS) {
                problems.add(new ReadProblem(Location.line(f.relativePath(), part.firstLine(text), ""), "a block of over "
                        + (MAX_BLOCK_CHARS >> 10) + " KiB; not read", false));
                continue;
            }
            work += (long) (part.end() - part.start()) * (1 + braces(text, part.start(), part.end()));
            if (work > MAX_PARSE_WORK) {
                problems.add(new ReadProblem(Location.line(f.relativePath(), part.firstLine(text), ""), "not read from "
                        + "here on: the roles and policy documents of this file are too large together for the HCL "
                        + "parser, whose time grows with a block's length times its braces", false));
                break;
            }
            try {
                merge(blocks, new OfflineHclParser().parse(part.of(text)));
            } catch (HCLParserException | IOException | RuntimeException e) {
                // hcl4j reads its text through a Reader, so an IOException is its way to stop on bad input.
                problems.add(blockProblem(f, e, part.line() - 1, part.firstLine(text)));
            }
        }
        return blocks;
    }

    private static int braces(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            count += text.charAt(i) == '{' ? 1 : 0;
        }
        return count;
    }

    /** How many labels a block of each kind has: {@code resource "type" "name"} two, {@code locals} none. */
    private static final Map<String, Integer> LABELS = Map.of("resource", 2, "data", 2, "provider", 1, "variable", 1,
            "output", 1, "module", 1);

    /**
     * Adds what one part of a file holds to what the parts before it held, as hcl4j gathers the blocks of one
     * parse: by kind and then by label, and a block whose labels came before joins it in a list.
     */
    static void merge(Map<String, Object> into, Map<String, Object> part) {
        part.forEach((kind, value) -> mergeAt(into, kind, value, LABELS.getOrDefault(kind, 0)));
    }

    @SuppressWarnings("unchecked")
    private static void mergeAt(Map<String, Object> into, String key, Object value, int labels) {
        Object held = into.get(key);
        if (held == null) {
            into.put(key, labels > 0 && value instanceof Map<?, ?> m ? new HashMap<>((Map<String, Object>) m) : value);
        } else if (labels > 0 && held instanceof Map<?, ?> heldMap && value instanceof Map<?, ?> valueMap) {
            valueMap.forEach((k, v) -> mergeAt((Map<String, Object>) heldMap, String.valueOf(k), v, labels - 1));
        } else {
            List<Object> blocks = new ArrayList<>(held instanceof List<?> list ? list : List.of(held));
            if (value instanceof List<?> list) {
                blocks.addAll(list);
            } else {
                blocks.add(value);
            }
            into.put(key, blocks);
        }
    }

    /**
     * A bracket, string, comment or heredoc that does not close: the file is not read, as Terraform refuses it, and
     * what hcl4j would make of it is no more than a guess (an open comment takes in the rest of the file).
     */
    private static ReadProblem faultProblem(FoundFile f, String text, TopLevelBlocks.Fault fault) {
        return new ReadProblem(at(f, new SourceText(text), fault.offset(), fault.offset() + 1, ""),
                "not valid HCL: " + fault.what() + " (Terraform refuses the file, so it was not read)", true);
    }

    /**
     * Why hcl4j could not read a block (or a file) whose text starts after {@code lineOffset} lines of the file and
     * whose first line is {@code firstLine}: a syntax error at the line and column hcl4j names, or a fault of hcl4j
     * itself on what may be valid HCL, at the block's first line.
     */
    private static ReadProblem blockProblem(FoundFile f, Exception e, int lineOffset, int firstLine) {
        // hcl4j reports some syntax errors wrapped in a RuntimeException; the innermost says where
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason = String.valueOf(cause.getMessage()).replaceAll("\\s+", " ").strip();
        if (!(cause instanceof HCLParserException) && !(cause instanceof IOException)) {
            // Valid HCL that hcl4j does not handle (arithmetic in a template, some locals): a warning, as the file
            // is not at fault, and its other blocks are read.
            String what = cause.getClass().getSimpleName() + ": " + reason;
            return new ReadProblem(Location.line(f.relativePath(), firstLine, ""), "not read: the HCL parser (hcl4j) "
                    + "failed on this block (" + (what.length() > 120 ? what.substring(0, 120) + "…" : what) + ")", false);
        }
        Matcher at = SYNTAX_POSITION.matcher(reason);
        if (at.find()) {
            int line = Integer.parseInt(at.group(1)) + lineOffset;
            int column = Math.max(1, Integer.parseInt(at.group(2)));
            reason = reason.substring(0, at.start()) + "line: " + line + " col: " + column + reason.substring(at.end());
            return new ReadProblem(new Location(f.relativePath(), line, column, line, column, ""), "not valid HCL: " + reason, true);
        }
        return new ReadProblem(Location.line(f.relativePath(), firstLine, ""), "not valid HCL: " + reason, true);
    }

    /** The role's name when written literally, else the resource label (an interpolated name cannot be matched). */
    private static String roleName(Object written, String label) {
        if (written instanceof String s && !s.isBlank() && !s.matches(".*\\b(var|local|data|module)\\..*")) {
            return s;
        }
        return label;
    }

    /**
     * The key a policy resource's {@code role} names its role by: {@code aws_iam_role.<label>} for a reference to a role
     * of the module, {@code name:<name>} for a name as written.
     */
    private static String roleKey(Object role) {
        Matcher reference = ROLE_REFERENCE.matcher(String.valueOf(role));
        return reference.matches() ? "aws_iam_role." + reference.group(1) : "name:" + role;
    }

    /**
     * The actions an inline policy allows: written with {@code jsonencode} or as a JSON string, or a document of the
     * module ({@code data.aws_iam_policy_document.x.json}); null for any other kind, whose actions are not known.
     */
    private static List<String> inlineActions(Object policy, Map<String, Map<?, ?>> documents) {
        if (policy == null) {
            return null;
        }
        String text = String.valueOf(policy);
        if (text.startsWith("data.aws_iam_policy_document.")) {
            Map<?, ?> document = documents.get(text.substring("data.aws_iam_policy_document.".length())
                    .replaceAll("\\.json$", ""));
            return document == null ? null : PermissionPolicies.allowedByDocument(document);
        }
        return PermissionPolicies.allowedByJson(policy instanceof Map<?, ?> ? policy : json(text));
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
        int[] span = file.headers().get(kind + " " + type + " " + label);
        if (span == null) {
            return Location.line(file.file.relativePath(), 1, kind + "." + type + "." + label);
        }
        return at(file, span[0], span[1], kind.equals("data") ? "data." + type + "." + label : type + "." + label);
    }

    /** The first {@code …:sub} condition key of the block that starts at an offset. */
    private static Optional<Location> subjectLine(Parsed file, int from) {
        Matcher next = NEXT_BLOCK.matcher(file.text());
        int end = next.find(Math.min(file.text().length(), from + 1)) ? next.start() : file.text().length();
        Matcher m = SUBJECT_KEY.matcher(file.text()).region(Math.max(0, from), end);
        if (m.find()) {
            return Optional.of(at(file, m.start(), m.end(), "condition.sub"));
        }
        return Optional.empty();
    }

    private static int offsetOf(Parsed file, Location location) {
        return file.source().charIndex(location.startLine() - 1, 0);
    }

    private static Location at(Parsed file, int start, int end, String route) {
        return at(file.file(), file.source(), start, end, route);
    }

    /** The span of chars {@code [start, end)} of a file's text. */
    private static Location at(FoundFile file, SourceText source, int start, int end, String route) {
        int line = source.lineOf(start);
        int last = Math.max(start, end - 1);
        int endLine = source.lineOf(last);
        return new Location(file.relativePath(), line + 1, source.columnOf(line, start) + 1, endLine + 1,
                source.columnOf(endLine, last) + 1, route);
    }
}
