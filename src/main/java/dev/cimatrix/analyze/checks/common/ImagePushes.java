package dev.cimatrix.analyze.checks.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The images a script pushes with {@code docker push NAME} or {@code docker image push NAME}. */
public final class ImagePushes {
    /** The name may be quoted, and may start with a variable ({@code "$CI_REGISTRY_IMAGE:$TAG"}, {@code ${REGISTRY}/app}). */
    private static final Pattern DOCKER_PUSH = Pattern.compile(
            "\\bdocker\\s+(?:image\\s+)?push\\s+(?:-\\S+\\s+)*[\"']?((?:\\$\\{?|[A-Za-z0-9])[A-Za-z0-9._/:@${}-]*)");

    private ImagePushes() {
    }

    /** Every pushed name as written, variables and all, in order. */
    public static List<String> in(String script) {
        List<String> out = new ArrayList<>();
        if (!script.contains("push") || !script.contains("docker")) {
            return out;
        }
        Matcher push = DOCKER_PUSH.matcher(script);
        while (push.find()) {
            out.add(push.group(1));
        }
        return out;
    }

    /**
     * The pushed names that start written out, up to the first variable ({@code ghcr.io/o/app:} of
     * {@code ghcr.io/o/app:${TAG}}): the image, if not its tag.
     */
    public static List<String> literalIn(String script) {
        return in(script).stream().filter(name -> name.charAt(0) != '$')
                .map(name -> name.indexOf('$') < 0 ? name : name.substring(0, name.indexOf('$'))).toList();
    }
}
