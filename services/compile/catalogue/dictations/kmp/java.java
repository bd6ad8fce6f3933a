import java.util.ArrayList;
import java.util.List;

public class Main {
    static int[] buildFail(String p) {
        int[] fail = new int[p.length()];
        for (int i = 1, k = 0; i < p.length(); i++) {
            while (k > 0 && p.charAt(i) != p.charAt(k)) {
                k = fail[k - 1];
            }
            if (p.charAt(i) == p.charAt(k)) {
                k++;
            }
            fail[i] = k;
        }
        return fail;
    }

    static List<Integer> kmpSearch(String text, String p) {
        int[] fail = buildFail(p);
        List<Integer> found = new ArrayList<>();
        for (int i = 0, k = 0; i < text.length(); i++) {
            while (k > 0 && text.charAt(i) != p.charAt(k)) {
                k = fail[k - 1];
            }
            if (text.charAt(i) == p.charAt(k)) {
                k++;
            }
            if (k == p.length()) {
                found.add(i - p.length() + 1);
                k = fail[k - 1];
            }
        }
        return found;
    }

    public static void main(String[] args) {
        StringBuilder line = new StringBuilder("found at:");
        for (int pos : kmpSearch("abababcabab", "abab")) {
            line.append(' ').append(pos);
        }
        System.out.println(line);
    }
}
