package dev.roster.scim.filter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * The lenient pre-pass: rewrites two forms that real IdPs send but the RFC 7644 filter grammar does not
 * have into the grammar's own, before the filter is parsed. Entra ID's
 * {@code emails[type eq "work"].value eq "x"} becomes {@code emails[(type eq "work") and value eq "x"]};
 * an unquoted comparison value ({@code externalId eq jyoung}) is quoted ({@code externalId eq "jyoung"}),
 * and {@code True}/{@code False} after an operator are lower-cased. Anything else is left as sent.
 */
public final class LenientFilterSyntax {

    static final Set<String> OPERATORS = Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");

    private LenientFilterSyntax() {
    }

    /** The filter in the grammar's form. */
    public static String rewrite(String filter) {
        return foldValuePathComparisons(quoteBareValues(filter));
    }

    /** {@code attr[inner].sub op value} becomes {@code attr[(inner) and sub op value]}. */
    static String foldValuePathComparisons(String filter) {
        StringBuilder out = new StringBuilder(filter);
        boolean changed = true;
        while (changed) {
            changed = false;
            Deque<Integer> open = new ArrayDeque<>();
            boolean inString = false;
            for (int i = 0; i < out.length(); i++) {
                char c = out.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '[') {
                    open.push(i);
                } else if (c == ']' && !open.isEmpty()) {
                    int start = open.pop();
                    int end = comparisonEnd(out, i + 1);
                    if (end > 0) {
                        String comparison = out.substring(i + 2, end).trim();
                        String inner = out.substring(start + 1, i);
                        out.replace(start, end, "[(" + inner + ") and " + comparison + "]");
                        changed = true;
                        break;
                    }
                }
            }
        }
        return out.toString();
    }

    /** After {@code ]}: {@code .sub op value} — the index where it ends, or -1 if it is not there. */
    private static int comparisonEnd(CharSequence s, int pos) {
        if (pos >= s.length() || s.charAt(pos) != '.') {
            return -1;
        }
        int i = pos + 1;
        int nameStart = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
            i++;
        }
        if (i == nameStart) {
            return -1;
        }
        i = skipSpaces(s, i);
        int opStart = i;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        String op = s.subSequence(opStart, i).toString().toLowerCase(Locale.ROOT);
        if (op.equals("pr")) {
            return i;
        }
        if (!OPERATORS.contains(op)) {
            return -1;
        }
        i = skipSpaces(s, i);
        if (i < s.length() && s.charAt(i) == '"') {
            i++;
            while (i < s.length() && s.charAt(i) != '"') {
                if (s.charAt(i) == '\\') {
                    i++;
                }
                i++;
            }
            return Math.min(i + 1, s.length());
        }
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != ')' && s.charAt(i) != ']') {
            i++;
        }
        return i;
    }

    /** Quotes a comparison value that is not a JSON literal (string, number, true, false, null). */
    public static String quoteBareValues(String filter) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        String previousWord = "";
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < filter.length() && filter.charAt(end) != '"') {
                    if (filter.charAt(end) == '\\') {
                        end++;
                    }
                    end++;
                }
                end = Math.min(end + 1, filter.length());
                out.append(filter, i, end);
                i = end;
                previousWord = "\"";
                continue;
            }
            if (Character.isWhitespace(c) || c == '(' || c == ')' || c == '[' || c == ']') {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < filter.length() && !Character.isWhitespace(filter.charAt(end)) && "()[]\"".indexOf(filter.charAt(end)) < 0) {
                end++;
            }
            String word = filter.substring(i, end);
            if (OPERATORS.contains(previousWord.toLowerCase(Locale.ROOT)) && (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false"))) {
                out.append(word.toLowerCase(Locale.ROOT));
            } else if (OPERATORS.contains(previousWord.toLowerCase(Locale.ROOT)) && !isJsonLiteral(word)) {
                out.append('"').append(word.replace("\\", "\\\\")).append('"');
            } else {
                out.append(word);
            }
            previousWord = word;
            i = end;
        }
        return out.toString();
    }

    private static boolean isJsonLiteral(String word) {
        return word.equals("true") || word.equals("false") || word.equals("null") || word.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    }

    private static int skipSpaces(CharSequence s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
