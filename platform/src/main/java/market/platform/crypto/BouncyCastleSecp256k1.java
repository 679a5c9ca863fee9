package market.platform.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9IntegerConverter;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Curve;

/**
 * {@link Secp256k1Engine} in pure Java on BouncyCastle's secp256k1 arithmetic. It is the engine
 * wherever libsecp256k1 cannot load, and the cross-check of {@link NativeSecp256k1} in tests.
 */
public final class BouncyCastleSecp256k1 implements Secp256k1Engine {

    private static final BigInteger N = Secp256k1.DOMAIN.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    @Override
    public String name() {
        return "bouncycastle";
    }

    @Override
    public byte[] publicKey(byte[] privateKey) {
        return Secp256k1.raw64(
                new FixedPointCombMultiplier().multiply(Secp256k1.DOMAIN.getG(), new BigInteger(1, privateKey)));
    }

    @Override
    public byte[] sign(byte[] hash, byte[] privateKey) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, privateKey), Secp256k1.DOMAIN));
        BigInteger[] rs = signer.generateSignature(hash);
        BigInteger s = rs[1].compareTo(HALF_N) > 0 ? N.subtract(rs[1]) : rs[1];
        byte[] out = new byte[64];
        System.arraycopy(Secp256k1.fixed32(rs[0]), 0, out, 0, 32);
        System.arraycopy(Secp256k1.fixed32(s), 0, out, 32, 32);
        return out;
    }

    @Override
    public byte[] recover(byte[] hash, byte[] signature, int recId) {
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
            return null;
        }
        BigInteger x = r.add(BigInteger.valueOf(recId / 2L).multiply(N));
        if (x.compareTo(SecP256K1Curve.q) >= 0) {
            return null;
        }
        ECPoint rPoint = decompress(x, (recId & 1) == 1);
        if (rPoint == null || !rPoint.multiply(N).isInfinity()) {
            return null;
        }
        BigInteger e = new BigInteger(1, hash);
        BigInteger rInv = r.modInverse(N);
        BigInteger eInvrInv = rInv.multiply(BigInteger.ZERO.subtract(e).mod(N)).mod(N);
        BigInteger srInv = rInv.multiply(s).mod(N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.DOMAIN.getG(), eInvrInv, rPoint, srInv).normalize();
        return q.isInfinity() ? null : Secp256k1.raw64(q);
    }

    @Override
    public byte[] sharedX(byte[] publicKey, byte[] privateKey) {
        ECPoint shared = Secp256k1.decodePublicKey(publicKey).multiply(new BigInteger(1, privateKey)).normalize();
        if (shared.isInfinity()) {
            throw new IllegalArgumentException("degenerate shared point");
        }
        return shared.getAffineXCoord().getEncoded();
    }

    private static ECPoint decompress(BigInteger x, boolean yOdd) {
        X9IntegerConverter converter = new X9IntegerConverter();
        byte[] encoded = converter.integerToBytes(x, 1 + converter.getByteLength(Secp256k1.DOMAIN.getCurve()));
        encoded[0] = (byte) (yOdd ? 0x03 : 0x02);
        try {
            return Secp256k1.DOMAIN.getCurve().decodePoint(encoded);
        } catch (IllegalArgumentException e) {
            // x is not the coordinate of a point: no key recovers
            return null;
        }
    }
}
