package dev.cimatrix.model.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as GitHub's expression language reads and writes them, which follows JavaScript's
 * {@code Number(string)} and number-to-string conversions: surrounding white space is ignored, an empty
 * string is 0, {@code 0x}/{@code 0o}/{@code 0b} prefixes and exponents are accepted, anything else is NaN.
 */
public final class NumberText {
    private NumberText() {
    }

    /** The number a string denotes, or NaN. */
    public static double parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return 0;
        }
        if (s.length() > 2 && s.charAt(0) == '0') {
            int radix = switch (s.charAt(1)) {
                case 'x', 'X' -> 16;
                case 'o', 'O' -> 8;
                case 'b', 'B' -> 2;
                default -> 0;
            };
            if (radix != 0) {
                return integer(s, 2, radix);
            }
        }
        int i = 0;
        char sign = s.charAt(0);
        if (sign == '+' || sign == '-') {
            i = 1;
        }
        if (s.startsWith("Infinity", i) && s.length() == i + "Infinity".length()) {
            return sign == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return decimal(s, i) ? Double.parseDouble(s) : Double.NaN;
    }

    private static double integer(String s, int from, int radix) {
        double value = 0;
        for (int i = from; i < s.length(); i++) {
            int digit = Character.digit(s.charAt(i), radix);
            if (digit < 0) {
                return Double.NaN;
            }
            value = value * radix + digit;
        }
        return value;
    }

    /** Whether s[from..] is digits with an optional fraction and exponent, and at least one mantissa digit. */
    private static boolean decimal(String s, int from) {
        int i = from;
        int n = s.length();
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A number as GitHub prints it in strings: at most 15 decimals, no trailing zeros, integers without a
     * fraction, {@code NaN} and {@code Infinity} by name.
     */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return "0";
        }
        if (Math.abs(value) >= 1e21) {
            String java = Double.toString(value);
            int e = java.indexOf('E');
            String mantissa = java.substring(0, e);
            if (mantissa.endsWith(".0")) {
                mantissa = mantissa.substring(0, mantissa.length() - 2);
            }
            return mantissa + "e+" + java.substring(e + 1);
        }
        BigDecimal rounded = new BigDecimal(value).setScale(15, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        // Round-trip through double so the digits are the shortest that name the rounded value.
        return new BigDecimal(Double.toString(rounded.doubleValue())).stripTrailingZeros().toPlainString();
    }
}
