public class Main {
    static int knapsack(int[] weight, int[] value, int capacity) {
        int[] dp = new int[capacity + 1];
        for (int i = 0; i < weight.length; i++) {
            for (int c = capacity; c >= weight[i]; c--) {
                dp[c] = Math.max(dp[c], dp[c - weight[i]] + value[i]);
            }
        }
        return dp[capacity];
    }

    public static void main(String[] args) {
        int[] weight = {6, 4, 3, 5};
        int[] value = {13, 8, 6, 12};
        int capacity = 7;
        System.out.println("items: " + weight.length);
        System.out.println("capacity: " + capacity);
        System.out.println("best value: " + knapsack(weight, value, capacity));
    }
}
