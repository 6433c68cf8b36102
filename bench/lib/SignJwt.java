
/**
 * Prints an admin JWT signed with the server's local key, for benchmarks: java SignJwt.java KEY_PEM MEMBER_ID ORG_ID.
 * Uses only the JDK (RS256 over the PKCS#8 key) so that it runs without the project's class path.
 */
public class SignJwt {
    public static void main(String[] args) throws Exception {
        String pem = java.nio.file.Files.readString(java.nio.file.Path.of(args[0]))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes());
        String claims = b64.encodeToString(("{\"iss\":\"roster\",\"sub\":\"" + args[1] + "\",\"org_id\":\"" + args[2]
                + "\",\"upn\":\"bench\",\"groups\":[],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}").getBytes());
        java.security.Signature signature = java.security.Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes());
        System.out.println(header + "." + claims + "." + b64.encodeToString(signature.sign()));
    }
}
