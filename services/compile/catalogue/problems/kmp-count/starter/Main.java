import java.io.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        String t = br.readLine().trim();
        String p = br.readLine().trim();
        // TODO: print the number of occurrences of p in t
    }
}
