package dev.cimatrix.detect;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The value and modifier semantics of the Sigma specification, one row per case: clause, event, expected. */
class ModifierSemanticsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '§', quoteCharacter = '`', textBlock = """
            # plain values: case-insensitive whole-value equality
            f: abc § {"action":"x.y","actor":"a","f":"ABC"} § true
            f: abc § {"action":"x.y","actor":"a","f":"abcd"} § false
            f: 42 § {"action":"x.y","actor":"a","f":42} § true
            f: true § {"action":"x.y","actor":"a","f":true} § true
            f: '' § {"action":"x.y","actor":"a","f":""} § true
            # wildcards and escapes
            f: 'a*c' § {"action":"x.y","actor":"a","f":"aXXc"} § true
            f: 'a?c' § {"action":"x.y","actor":"a","f":"abc"} § true
            f: 'a?c' § {"action":"x.y","actor":"a","f":"abbc"} § false
            f: 'a\\*c' § {"action":"x.y","actor":"a","f":"a*c"} § true
            f: 'a\\*c' § {"action":"x.y","actor":"a","f":"abc"} § false
            f: 'a\\?c' § {"action":"x.y","actor":"a","f":"abc"} § false
            f: 'a\\\\b' § {"action":"x.y","actor":"a","f":"a\\\\b"} § true
            f: 'C:\\dir' § {"action":"x.y","actor":"a","f":"c:\\\\dir"} § true
            f: '*' § {"action":"x.y","actor":"a","f":{"k":1}} § true
            f: '*' § {"action":"x.y","actor":"a"} § false
            # lists are OR, |all is AND
            f: [a, b] § {"action":"x.y","actor":"a","f":"B"} § true
            f|contains|all: [a, b] § {"action":"x.y","actor":"a","f":"xaxb"} § true
            f|contains|all: [a, z] § {"action":"x.y","actor":"a","f":"xaxb"} § false
            # string modifiers
            f|contains: MID § {"action":"x.y","actor":"a","f":"xmidx"} § true
            f|startswith: pre § {"action":"x.y","actor":"a","f":"PREfix"} § true
            f|startswith: pre § {"action":"x.y","actor":"a","f":"xpre"} § false
            f|endswith: fix § {"action":"x.y","actor":"a","f":"preFIX"} § true
            f|contains|cased: MID § {"action":"x.y","actor":"a","f":"xmidx"} § false
            f|contains|cased: MID § {"action":"x.y","actor":"a","f":"xMIDx"} § true
            f|contains: 'a*b' § {"action":"x.y","actor":"a","f":"zzaQQbzz"} § true
            # regular expressions: case-sensitive search unless |i
            f|re: '^ab+c$' § {"action":"x.y","actor":"a","f":"abbbc"} § true
            f|re: 'B+' § {"action":"x.y","actor":"a","f":"abbbc"} § false
            f|re|i: 'B+' § {"action":"x.y","actor":"a","f":"abbbc"} § true
            f|re: '^b$' § {"action":"x.y","actor":"a","f":"a\\nb"} § false
            f|re|m: '^b$' § {"action":"x.y","actor":"a","f":"a\\nb"} § true
            f|re: 'a.b' § {"action":"x.y","actor":"a","f":"a\\nb"} § false
            f|re|s: 'a.b' § {"action":"x.y","actor":"a","f":"a\\nb"} § true
            f|re: '^x|^y' § {"action":"x.y","actor":"a","f":"zy"} § false
            f|re: '^x|^y' § {"action":"x.y","actor":"a","f":"yz"} § true
            f|re: '^x|y' § {"action":"x.y","actor":"a","f":"zy"} § true
            f|re: '^(x|y)z' § {"action":"x.y","actor":"a","f":"yz"} § true
            # networks
            f|cidr: 10.0.0.0/8 § {"action":"x.y","actor":"a","f":"10.1.2.3"} § true
            f|cidr: 10.0.0.0/8 § {"action":"x.y","actor":"a","f":"11.1.2.3"} § false
            f|cidr: 2001:db8::/32 § {"action":"x.y","actor":"a","f":"2001:db8:1::5"} § true
            f|cidr: 2001:db8::/32 § {"action":"x.y","actor":"a","f":"10.1.2.3"} § false
            f|cidr: 10.0.0.0/8 § {"action":"x.y","actor":"a","f":"github.com"} § false
            f|cidr: 10.0.0.0/8 § {"action":"x.y","actor":"a","f":" 10.9.9.9 "} § true
            f|cidr: 10.0.0.0/8 § {"action":"x.y","actor":"a","f":""} § false
            f|cidr: 127.0.0.0/8 § {"action":"x.y","actor":"a","f":""} § false
            f|cidr: 10.0.0.0/8 § {"action":"x.y","actor":"a","f":"10.*.*.*"} § false
            f|cidr: 10.0.0.0/8 § {"action":"x.y","actor":"a","f":"10.1"} § false
            f|cidr: 10.0.0.0/8 § {"action":"x.y","actor":"a","f":"10.1.2.3/32"} § false
            f|cidr: 10.0.0.0/8 § {"action":"x.y","actor":"a","f":"::ffff:10.1.2.3"} § false
            f|cidr: 10.1.2.3 § {"action":"x.y","actor":"a","f":"10.1.2.3"} § true
            f|cidr: 10.1.2.3 § {"action":"x.y","actor":"a","f":"10.1.2.4"} § false
            f|cidr: 10.1.2.3/8 § {"action":"x.y","actor":"a","f":"10.200.0.1"} § true
            f|cidr: 0.0.0.0/0 § {"action":"x.y","actor":"a","f":"203.0.113.7"} § true
            # numbers
            f|gt: 10 § {"action":"x.y","actor":"a","f":11} § true
            f|gt: 10 § {"action":"x.y","actor":"a","f":10} § false
            f|gte: 10 § {"action":"x.y","actor":"a","f":"10"} § true
            f|lt: 10 § {"action":"x.y","actor":"a","f":9.5} § true
            f|lte: 10 § {"action":"x.y","actor":"a","f":"ten"} § false
            # presence and null
            f|exists: true § {"action":"x.y","actor":"a","f":null} § true
            f|exists: true § {"action":"x.y","actor":"a"} § false
            f|exists: false § {"action":"x.y","actor":"a"} § true
            f: null § {"action":"x.y","actor":"a"} § true
            f: null § {"action":"x.y","actor":"a","f":null} § true
            f: null § {"action":"x.y","actor":"a","f":"v"} § false
            # encodings
            f|base64: secret § {"action":"x.y","actor":"a","f":"c2VjcmV0"} § true
            f|base64|contains: secret § {"action":"x.y","actor":"a","f":"xxc2VjcmV0yy"} § true
            f|base64offset|contains: secret § {"action":"x.y","actor":"a","f":"eHNlY3JldA=="} § true
            f|base64offset|contains: secret § {"action":"x.y","actor":"a","f":"eHlzZWNyZXQ="} § true
            f|base64offset|contains: secret § {"action":"x.y","actor":"a","f":"c2VjcmV0"} § true
            f|wide|base64offset|contains: ab § {"action":"x.y","actor":"a","f":"YQBiAA=="} § true
            f|utf16be|base64: ab § {"action":"x.y","actor":"a","f":"AGEAYg=="} § true
            # another field of the same event
            f|fieldref: g § {"action":"x.y","actor":"a","f":"V","g":"v"} § true
            f|fieldref: g § {"action":"x.y","actor":"a","f":"V","g":"w"} § false
            f|fieldref|contains: g § {"action":"x.y","actor":"a","f":"xvx","g":"v"} § true
            f|neq: v § {"action":"x.y","actor":"a","f":"w"} § true
            f|neq: v § {"action":"x.y","actor":"a","f":"V"} § false
            # nested and dotted field names, arrays
            a.b.c: v § {"action":"x.y","actor":"a","a":{"b":{"c":"v"}}} § true
            a.b.c: v § {"action":"x.y","actor":"a","a.b.c":"v"} § true
            a.b.c: v § {"action":"x.y","actor":"a","a":{"b.c":"v"}} § true
            a.b: v § {"action":"x.y","actor":"a","a":[{"b":"w"},{"b":"v"}]} § true
            a.b: v § {"action":"x.y","actor":"a","a":[{"b":"w"}]} § false
            a: v § {"action":"x.y","actor":"a","a":["w","v"]} § true
            """)
    void clause(String clause, String event, boolean expected) {
        RuleSet rules = Detection.rules(Detection.githubRule("""
                selection:
                  %s
                condition: selection
                """.formatted(clause)));
        assertThat(Detection.alerts(rules, dir, event)).as(clause + " on " + event).hasSize(expected ? 1 : 0);
    }

    @ParameterizedTest(name = "keywords {0} on {1} -> {2}")
    @CsvSource(delimiter = '§', quoteCharacter = '`', textBlock = """
            [evil] § {"action":"x.y","actor":"a","deep":{"x":["an EVIL thing"]}} § true
            [evil, bad] § {"action":"x.y","actor":"a","x":"bad"} § true
            [evil] § {"action":"x.y","actor":"a","x":"good"} § false
            {"|all": [evil, bad]} § {"action":"x.y","actor":"a","x":"bad","y":"evil"} § true
            {"|all": [evil, bad]} § {"action":"x.y","actor":"a","x":"bad"} § false
            """)
    void keywords(String keywords, String event, boolean expected) {
        RuleSet rules = Detection.rules(Detection.githubRule("""
                keywords: %s
                condition: keywords
                """.formatted(keywords)));
        assertThat(Detection.alerts(rules, dir, event)).hasSize(expected ? 1 : 0);
    }
}
