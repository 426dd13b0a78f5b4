package dev.platctl.engine.hcl;

/** The kinds of token the HCL native-syntax lexer produces. */
enum TokenType {
    IDENT, NUMBER, NEWLINE, EOF, INVALID,
    OBRACE, CBRACE, OBRACK, CBRACK, OPAREN, CPAREN,
    COMMA, DOT, ELLIPSIS, EQUAL, COLON, QUESTION, FAT_ARROW,
    PLUS, MINUS, STAR, SLASH, PERCENT, EQ_OP, NOT_EQ, LT, LTE, GT, GTE, AND, OR, BANG,
    OQUOTE, CQUOTE, OHEREDOC, CHEREDOC, TEMPLATE_LIT, TEMPLATE_INTERP, TEMPLATE_CONTROL, TEMPLATE_SEQ_END;

    /** How the token is named in "expected X, found Y" messages. */
    String describe() {
        return switch (this) {
            case IDENT -> "identifier";
            case NUMBER -> "number";
            case NEWLINE -> "newline";
            case EOF -> "end of file";
            case INVALID -> "invalid character";
            case OBRACE -> "\"{\"";
            case CBRACE -> "\"}\"";
            case OBRACK -> "\"[\"";
            case CBRACK -> "\"]\"";
            case OPAREN -> "\"(\"";
            case CPAREN -> "\")\"";
            case COMMA -> "comma";
            case DOT -> "\".\"";
            case ELLIPSIS -> "\"...\"";
            case EQUAL -> "\"=\"";
            case COLON -> "\":\"";
            case QUESTION -> "\"?\"";
            case FAT_ARROW -> "\"=>\"";
            case OQUOTE, CQUOTE -> "quote";
            case OHEREDOC -> "heredoc";
            case CHEREDOC -> "heredoc end marker";
            case TEMPLATE_LIT -> "template text";
            case TEMPLATE_INTERP -> "\"${\"";
            case TEMPLATE_CONTROL -> "\"%{\"";
            case TEMPLATE_SEQ_END -> "\"}\"";
            default -> "operator";
        };
    }
}
