public class Main {
    static int[] parent;
    static int[] size;

    static int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    static boolean union(int a, int b) {
        a = find(a);
        b = find(b);
        if (a == b) {
            return false;
        }
        if (size[a] < size[b]) {
            int t = a;
            a = b;
            b = t;
        }
        parent[b] = a;
        size[a] += size[b];
        return true;
    }

    public static void main(String[] args) {
        int n = 6;
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
        union(0, 1);
        union(1, 2);
        union(3, 4);
        System.out.println("0 and 2: " + (find(0) == find(2)));
        System.out.println("2 and 3: " + (find(2) == find(3)));
        System.out.println("size of 0: " + size[find(0)]);
    }
}
