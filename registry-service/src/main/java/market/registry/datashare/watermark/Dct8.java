package market.registry.datashare.watermark;

/** The orthonormal 8×8 DCT-II and its inverse, the block transform of JPEG. */
final class Dct8 {

    private static final double[][] BASIS = new double[8][8];

    static {
        for (int u = 0; u < 8; u++) {
            double scale = u == 0 ? Math.sqrt(1.0 / 8) : Math.sqrt(2.0 / 8);
            for (int x = 0; x < 8; x++) {
                BASIS[u][x] = scale * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private Dct8() {}

    /** Coefficients [u][v] (u vertical, v horizontal frequency) of a block [y][x]. */
    static double[][] forward(double[][] block) {
        double[][] rows = new double[8][8];
        for (int y = 0; y < 8; y++) {
            for (int v = 0; v < 8; v++) {
                double sum = 0;
                for (int x = 0; x < 8; x++) {
                    sum += BASIS[v][x] * block[y][x];
                }
                rows[y][v] = sum;
            }
        }
        double[][] out = new double[8][8];
        for (int u = 0; u < 8; u++) {
            for (int v = 0; v < 8; v++) {
                double sum = 0;
                for (int y = 0; y < 8; y++) {
                    sum += BASIS[u][y] * rows[y][v];
                }
                out[u][v] = sum;
            }
        }
        return out;
    }

    static double[][] inverse(double[][] coefficients) {
        double[][] columns = new double[8][8];
        for (int y = 0; y < 8; y++) {
            for (int v = 0; v < 8; v++) {
                double sum = 0;
                for (int u = 0; u < 8; u++) {
                    sum += BASIS[u][y] * coefficients[u][v];
                }
                columns[y][v] = sum;
            }
        }
        double[][] out = new double[8][8];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double sum = 0;
                for (int v = 0; v < 8; v++) {
                    sum += BASIS[v][x] * columns[y][v];
                }
                out[y][x] = sum;
            }
        }
        return out;
    }
}
