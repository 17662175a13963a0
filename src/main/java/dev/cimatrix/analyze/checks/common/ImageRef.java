package dev.cimatrix.analyze.checks.common;

import java.util.Locale;

/**
 * A container image reference as GitHub Actions accepts it ({@code registry/name:tag}, {@code name@sha256:…},
 * optionally behind {@code docker://}), and how firmly it pins what runs.
 */
public record ImageRef(String name, String tag, Pin pin) {
    public enum Pin {
        /** {@code @sha256:…}: immutable. */
        DIGEST,
        /** A tag other than {@code latest}: mutable, conventionally a release. */
        TAG,
        /** {@code :latest}: moves with every push. */
        LATEST,
        /** No tag at all, which means {@code latest}. */
        NONE
    }

    public static ImageRef parse(String reference) {
        String image = reference.strip();
        if (image.regionMatches(true, 0, "docker://", 0, "docker://".length())) {
            image = image.substring("docker://".length());
        }
        int at = image.indexOf('@');
        if (at >= 0) {
            return new ImageRef(image.substring(0, at), image.substring(at + 1), Pin.DIGEST);
        }
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
            String tag = image.substring(colon + 1);
            return new ImageRef(image.substring(0, colon), tag,
                    tag.toLowerCase(Locale.ROOT).equals("latest") ? Pin.LATEST : Pin.TAG);
        }
        return new ImageRef(image, "", Pin.NONE);
    }

    public boolean isPinned() {
        return pin == Pin.DIGEST;
    }

    /** Why the reference does not pin the image, for messages. */
    public String problem() {
        return switch (pin) {
            case NONE -> "has no tag or digest, so it runs whatever 'latest' points at when the job starts";
            case LATEST -> "is tagged 'latest', which moves with every push to the image";
            case TAG -> "is pinned only to tag '" + tag + "', which whoever can push to the image can move";
            case DIGEST -> "is pinned by digest";
        };
    }
}
