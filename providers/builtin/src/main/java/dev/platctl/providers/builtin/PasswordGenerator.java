package dev.platctl.providers.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws a password from the enabled character classes: first each class's minimum, then one of each
 * enabled class while the length allows, then any enabled character, all shuffled.
 */
record PasswordGenerator(int length, List<CharacterClass> classes) {
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String NUMERIC = "0123456789";
    static final String DEFAULT_SPECIAL = "!@#$%&*()-_=+[]{}<>:?";

    /** The characters of one class and how many of them the password must hold at least. */
    record CharacterClass(String name, String chars, int min) {
    }

    PasswordGenerator {
        classes = classes.stream().filter(c -> !c.chars().isEmpty()).toList();
        if (length < 1) throw new IllegalArgumentException("password length must be at least 1, got " + length);
        if (classes.isEmpty()) throw new IllegalArgumentException("a password needs at least one character class");
    }

    String generate(RandomGenerator rng) {
        List<Character> out = new ArrayList<>(length);
        for (CharacterClass c : classes)
            for (int i = 0; i < c.min() && out.size() < length; i++) out.add(pick(c.chars(), rng));
        for (CharacterClass c : classes)
            if (c.min() == 0 && out.size() < length) out.add(pick(c.chars(), rng));
        StringBuilder all = new StringBuilder();
        for (CharacterClass c : classes) all.append(c.chars());
        while (out.size() < length) out.add(pick(all, rng));
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Character t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        StringBuilder sb = new StringBuilder(length);
        for (char ch : out) sb.append(ch);
        return sb.toString();
    }

    private static char pick(CharSequence chars, RandomGenerator rng) {
        return chars.charAt(rng.nextInt(chars.length()));
    }
}
