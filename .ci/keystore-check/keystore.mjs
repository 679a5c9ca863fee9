// open FILE: prints the address ethers finds in the keystore FILE under $PASSPHRASE
// write FILE: writes a new account's keystore under $PASSPHRASE (ethers' default scrypt cost) and prints its address
import { readFileSync, writeFileSync } from 'node:fs';
import { Wallet, decryptKeystoreJsonSync } from 'ethers';

const [verb, file] = process.argv.slice(2);
const passphrase = process.env.PASSPHRASE;
if (!passphrase || !file || !['open', 'write'].includes(verb)) {
  console.error('usage: PASSPHRASE=… node keystore.mjs open|write FILE');
  process.exit(2);
}
if (verb === 'open') {
  console.log(decryptKeystoreJsonSync(readFileSync(file, 'utf8'), passphrase).address.toLowerCase());
} else {
  const wallet = Wallet.createRandom();
  writeFileSync(file, wallet.encryptSync(passphrase), { mode: 0o600 });
  console.log(wallet.address.toLowerCase());
}
