package dev.roster.scim.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says what is wrong with a filter the parser refused, in the terms of the filter as the client wrote
 * it, quoting the offending part: the parser's own messages speak of its internals (token positions in
 * the text after the {@linkplain LenientFilterSyntax lenient pre-pass}, JSON reader errors). It walks
 * the RFC 7644 grammar, with the lenient forms allowed, and reports the first thing that does not fit.
 */
final class FilterProblems {

    private static final String OPERATOR_LIST = "eq, ne, co, sw, ew, gt, ge, lt, le or pr";
    private static final String EXAMPLE = "e.g. userName eq \"bjensen\" and active eq true";

    private record Token(String text, int start, int end) {

        boolean is(String word) {
            return text.equalsIgnoreCase(word);
        }

        boolean isQuoted() {
            return text.startsWith("\"");
        }
    }

    /** A problem found, to stop the walk. */
    private static final class Found extends RuntimeException {
        Found(String problem) {
            super(problem, null, false, false);
        }
    }

    private final String filter;
    private final List<Token> tokens;
    private int next;

    private FilterProblems(String filter, List<Token> tokens) {
        this.filter = filter;
        this.tokens = tokens;
    }

    /** What is wrong with {@code filter}, as a phrase to follow "Invalid filter '…': ". */
    static String describe(String filter) {
        if (filter.isBlank()) {
            return "the filter is empty";
        }
        try {
            FilterProblems walk = new FilterProblems(filter, tokens(filter));
            walk.expression();
            if (walk.next < walk.tokens.size()) {
                Token extra = walk.tokens.get(walk.next);
                if (extra.text().equals(")")) {
                    throw new Found("')' after '" + walk.before(extra) + "' closes no '('");
                }
                if (extra.text().equals("]")) {
                    throw new Found("']' after '" + walk.before(extra) + "' closes no '['");
                }
                throw new Found("unexpected '" + extra.text() + "' after '" + walk.before(extra)
                        + "'; join comparisons with and / or");
            }
        } catch (Found problem) {
            return problem.getMessage();
        }
        return "it does not follow the SCIM filter grammar (" + EXAMPLE + ")";
    }

    private static List<Token> tokens(String filter) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = i + 1;
                while (end < filter.length() && filter.charAt(end) != '"') {
                    end += filter.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= filter.length()) {
                    throw new Found("the quoted value " + filter.substring(i) + " has no closing double quote");
                }
                tokens.add(new Token(filter.substring(i, end + 1), i, end + 1));
                i = end + 1;
            } else if ("()[]".indexOf(c) >= 0) {
                tokens.add(new Token(String.valueOf(c), i, i + 1));
                i++;
            } else {
                int end = i;
                while (end < filter.length() && !Character.isWhitespace(filter.charAt(end))
                        && "()[]\"".indexOf(filter.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(new Token(filter.substring(i, end), i, end));
                i = end;
            }
        }
        return tokens;
    }

    /** expression := term ('or' term)* ; term := factor ('and' factor)* */
    private void expression() {
        factor();
        while (peekIs("and") || peekIs("or")) {
            Token logical = take();
            if (next == tokens.size()) {
                throw new Found("'" + logical.text() + "' at the end is not followed by a comparison");
            }
            factor();
        }
    }

    /** factor := 'not'? '(' expression ')' | attribute comparison */
    private void factor() {
        Token first = peek();
        if (first == null) {
            throw new Found("the filter ends after '" + filter.strip() + "' where a comparison was expected");
        }
        if (first.is("not")) {
            take();
            if (!peekIs("(")) {
                throw new Found("'not' must be followed by a filter in parentheses, e.g. not (title pr)");
            }
        }
        if (peekIs("(")) {
            Token open = take();
            expression();
            if (!peekIs(")")) {
                throw new Found("the '(' before '" + after(open) + "' is never closed with ')'");
            }
            take();
            return;
        }
        comparison(take());
    }

    /** attribute ('[' expression ']' ('.' sub comparison)?)? | attribute 'pr' | attribute op value */
    private void comparison(Token attribute) {
        if (isKeyword(attribute) || !(Character.isLetter(attribute.text().charAt(0)) || attribute.text().startsWith("$"))) {
            throw new Found("'" + attribute.text() + "' stands where an attribute name was expected"
                    + (attribute.start() > 0 ? " (after '" + before(attribute) + "')" : ""));
        }
        if (peekIs("[")) {
            Token open = take();
            if (peekIs("]")) {
                throw new Found("'" + filter.substring(attribute.start(), peek().end()) + "' has no filter inside [ ]");
            }
            expression();
            if (!peekIs("]")) {
                throw new Found("the '[' after '" + attribute.text() + "' is never closed with ']'");
            }
            Token close = take();
            Token sub = peek();
            if (sub == null || !sub.text().startsWith(".") || sub.start() != close.end()) {
                return;
            }
            take();
        }
        Token operator = peek();
        if (operator == null || !isOperatorLike(operator)) {
            throw new Found("'" + filter.substring(attribute.start(), lastEnd()) + "' is not followed by an operator ("
                    + OPERATOR_LIST + ")");
        }
        take();
        String op = operator.text().toLowerCase(Locale.ROOT);
        if (op.equals("pr")) {
            return;
        }
        if (!LenientFilterSyntax.OPERATORS.contains(op)) {
            throw new Found("'" + operator.text() + "' in '" + filter.substring(attribute.start(), operator.end())
                    + "' is not an operator; use " + OPERATOR_LIST);
        }
        Token value = peek();
        if (value == null || "()[]".contains(value.text()) || isKeyword(value) && !value.isQuoted()) {
            throw new Found("'" + filter.substring(attribute.start(), operator.end()) + "' has no value to compare with");
        }
        take();
    }

    /** A word in the place of an operator: a bare word that is not a value or a parenthesis. */
    private static boolean isOperatorLike(Token token) {
        return !token.isQuoted() && "()[]".indexOf(token.text().charAt(0)) < 0 && !token.is("and") && !token.is("or");
    }

    private static boolean isKeyword(Token token) {
        return token.is("and") || token.is("or") || token.is("not");
    }

    private String before(Token token) {
        return filter.substring(0, token.start()).strip();
    }

    private String after(Token token) {
        return filter.substring(token.end()).strip();
    }

    private int lastEnd() {
        return tokens.get(next - 1).end();
    }

    private Token peek() {
        return next < tokens.size() ? tokens.get(next) : null;
    }

    private boolean peekIs(String text) {
        return peek() != null && peek().is(text);
    }

    private Token take() {
        return tokens.get(next++);
    }
}
