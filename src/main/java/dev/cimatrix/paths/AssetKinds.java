package dev.cimatrix.paths;

import java.util.Map;

/** The kinds of asset, and the matrix cell of the move that takes or abuses each. */
public final class AssetKinds {
    private static final Map<String, String> CELL = Map.of(
            "source-code", "EXFL/CICD-T037",
            "data", "EXFL/CICD-T038",
            "logs", "EXFL/CICD-T039",
            "compute", "IMPT/CICD-T040",
            "artifact", "IMPT/CICD-T043",
            "service", "IMPT/CICD-T042",
            "secrets", "CRED/CICD-T030");

    private AssetKinds() {
    }

    /** The cell of taking an asset of this kind. */
    public static String cell(String kind) {
        String cell = CELL.get(kind);
        if (cell == null) {
            throw new IllegalArgumentException("unknown asset kind " + kind);
        }
        return cell;
    }

    static String verb(String kind) {
        return switch (kind) {
            case "source-code" -> "clones";
            case "data" -> "exfiltrates";
            case "logs" -> "reads";
            case "compute" -> "runs cryptominers on";
            case "artifact" -> "poisons";
            case "service" -> "takes down";
            default -> "takes";
        };
    }
}
