package market.registry.datashare.watermark;

/**
 * The code bits read back from a file under one key, as soft votes: a positive sum for a bit
 * means 1, negative 0, and a bit with no vote is not decided. {@link #matches} says whether a
 * mark's code is what was read: at least {@value #MIN_DECIDED} bits decided and at most
 * {@value #MAX_WRONG} of them different. For a file that holds no mark of this key every bit is a
 * coin toss, and the chance that 80 tosses come within 8 of a given code is below 10^-13.
 */
public final class MarkReading {

    static final int MIN_DECIDED = 80;
    static final int MAX_WRONG = 8;

    private final double[] votes = new double[WatermarkKey.CODE_BITS];

    void vote(int bit, double weight) {
        votes[bit] += weight;
    }

    public boolean matches(boolean[] code) {
        int decided = 0;
        int wrong = 0;
        for (int i = 0; i < votes.length; i++) {
            if (votes[i] != 0) {
                decided++;
                if (votes[i] > 0 != code[i]) {
                    wrong++;
                }
            }
        }
        return decided >= MIN_DECIDED && wrong <= MAX_WRONG;
    }
}
