import type { CorpusCase } from './case.js';

const DS = 'Yelp/detect-secrets';
const TH = 'trufflesecurity/trufflehog';
/** Relabelled: the source flags it, but issue #3 defines placeholders/examples as not secrets. */
const RELABEL = ' (relabelled as placeholder per the @pm/redact placeholder rule)';

const secret = (kind: string, value: string) => [{ type: 'secret', kind, value }];

/** Cases taken from other projects' detector tests, each with its source file. */
const SECRET_CASES: CorpusCase[] = [
  // Yelp/detect-secrets tests/plugins/aws_key_test.py
  {
    text: 'AKIAZZZZZZZZZZZZZZZZ',
    labels: [],
    origin: `${DS} tests/plugins/aws_key_test.py${RELABEL}`,
  },
  { text: 'akiazzzzzzzzzzzzzzzz', labels: [], origin: `${DS} tests/plugins/aws_key_test.py` },
  { text: 'AKIAZZZ', labels: [], origin: `${DS} tests/plugins/aws_key_test.py` },
  {
    text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    labels: [],
    origin: `${DS} tests/plugins/aws_key_test.py${RELABEL}`,
  },
  // tests/plugins/basic_auth_test.py
  {
    text: 'http://localhost:5000/<%= @variable %>',
    labels: [],
    origin: `${DS} tests/plugins/basic_auth_test.py`,
  },
  {
    text: 'https://username:password@yelp.com',
    labels: [],
    origin: `${DS} tests/plugins/basic_auth_test.py${RELABEL}`,
  },
  // tests/plugins/jwt_test.py
  ...[
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IsWww6HFkcOtIMOWxZHDqcOoIiwiaWF0IjoxNTE2MjM5MDIyfQ.k5HibI_uLn_RTuPcaCNkaVaQH2y5q6GvJg8GPpGMRwQ',
  ].map(
    (t): CorpusCase => ({
      text: t,
      labels: secret('jwt', t),
      origin: `${DS} tests/plugins/jwt_test.py`,
    }),
  ),
  ...[
    '{"alg":"HS256","typ":"JWT"}.{"name":"Jon Doe"}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'bm90X3ZhbGlkX2pzb25fYXRfYWxs.bm90X3ZhbGlkX2pzb25fYXRfYWxs.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
    'jwt',
    'eyJhbasdGciOiJIUaddasdasfsasdasdzI1NiIasdsInR5cCI6IkpXVCasdJasd9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'eyJAAAA.eyJBBB',
    'eyJBB.eyJCC.eyJDDDD',
  ].map((t): CorpusCase => ({ text: t, labels: [], origin: `${DS} tests/plugins/jwt_test.py` })),
  // tests/plugins/slack_test.py
  ...[
    'xoxp-523423-234243-234233-e039d02840a0b9379c',
    'xoxo-523423-234243-234233-e039d02840a0b9379c',
    'xoxs-523423-234243-234233-e039d02840a0b9379c',
    'xoxa-511111111-31111111111-3111111111111-e039d02840a0b9379c',
    'xoxa-2-511111111-31111111111-3111111111111-e039d02840a0b9379c',
    'xoxr-523423-234243-234233-e039d02840a0b9379c',
    'xoxb-34532454-e039d02840a0b9379c',
  ].map(
    (t): CorpusCase => ({
      text: t,
      labels: secret('slack', t),
      origin: `${DS} tests/plugins/slack_test.py`,
    }),
  ),
  {
    text: 'https://hooks.slack.com/services/Txxxxxxxx/Bxxxxxxxx/xxxxxxxxxxxxxxxxxxxxxxxx',
    labels: [],
    origin: `${DS} tests/plugins/slack_test.py${RELABEL}`,
  },
  // tests/plugins/stripe_key_test.py
  {
    text: 'sk_live_ReTllpYQYfIZu2Jnf2lAPFjD',
    labels: secret('stripe', 'sk_live_ReTllpYQYfIZu2Jnf2lAPFjD'),
    origin: `${DS} tests/plugins/stripe_key_test.py`,
  },
  {
    text: 'rk_live_5TcWfjKmJgpql9hjpRnwRXbT',
    labels: secret('stripe', 'rk_live_5TcWfjKmJgpql9hjpRnwRXbT'),
    origin: `${DS} tests/plugins/stripe_key_test.py`,
  },
  {
    text: 'pk_live_j5krY8XTgIcDaHDb3YrsAfCl',
    labels: [],
    origin: `${DS} tests/plugins/stripe_key_test.py`,
  },
  { text: 'sk_live_', labels: [], origin: `${DS} tests/plugins/stripe_key_test.py` },
  // tests/plugins/private_key_test.py
  (() => {
    const pem =
      '-----BEGIN PRIVATE KEY-----\nc3VwZXIgZHVwZXIgc2VjcmV0IHBhc3N3b3JkLCBzdXBlciBkdXBlciBzZWNyZXQgcGFzc3dvcmQhMTIzNCMkJQpzdXBlciBkdXBlciBzZWNyZXQgcGFzc3dvcmQsIHN1cGVyIGR1cGVyIHNlY3JldCBwYXNzd29yZCExMjM0IyQlCgo=\n-----END PRIVATE KEY-----';
    return {
      text: `some text here\n${pem}`,
      labels: secret('private_key', pem),
      origin: `${DS} tests/plugins/private_key_test.py`,
    };
  })(),
  (() => {
    const pem =
      '-----BEGIN RSA PRIVATE KEY-----\\nc3VwZXIgZHVwZXIgc2VjcmV0IHBhc3N3b3JkLCBzdXBlciBkdXBlciBzZ\\nWNyZXQgcGFzc3dvcmQhMTIzNCMkJQpzdXBlciBkdXBlciBzZWNyZXQgcGFzc3dvcmQsIHN1cGVyIGR1cGVyIHNlY3JldCBwYXNzd29yZCExMjM0IyQlCgo=\\n-----END RSA PRIVATE KEY-----';
    return {
      text: `"${pem}"`,
      labels: secret('private_key', pem),
      origin: `${DS} tests/plugins/private_key_test.py (json.dumps form)`,
    };
  })(),
  // tests/plugins/keyword_test.py: negatives verbatim.
  ...[
    'theapikey := ""',
    'theapikey := "somefakekey"',
    'theapikeyforfoo := hopenobodyfindsthisone',
    'theapikey: ""',
    'theapikey: "somefakekey"',
    'theapikeyforfoo:hopenobodyfindsthisone',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${…}` placeholder is the test case
    'password: ${link}',
    'some_key = "real_secret"',
    'my_password = ""',
    "my_password = ''",
    'my_password = "fakesecret"',
    'open(self, password = ""):',
    'my_password = foo(hey)you',
    "my_password = request.json_body['hey']",
    'my_password = True',
    'login(username=username, password=password)',
    'private_key "";',
    'private_key "fake";',
    'apiKey: this.apiKey,',
    "apiKey: fs.readFileSync('foo',",
    '$password = $input;',
  ].map(
    (t): CorpusCase => ({ text: t, labels: [], origin: `${DS} tests/plugins/keyword_test.py` }),
  ),
  // Formats from keyword_test.py positives, with a generated value (theirs contains `${` and `{{`, placeholders here).
  ...[
    'apikey := "%s"',
    "apikey:='%s'",
    '"theapikey": "%s"',
    "'theapikey': '%s'",
    'the_password= "%s"\n',
    'my_password=%s',
    'my_password = %s',
    'some_dict["secret"] = "%s"',
  ].map((f, i): CorpusCase => {
    const value = `Zq8${['Lm', 'Rt', 'Vx', 'Bn', 'Hp', 'Kw', 'Df', 'Gs'][i]}4-w9Tp_c2Ye`;
    return {
      text: f.replace('%s', value),
      labels: secret('generic', value),
      origin: `format from ${DS} tests/plugins/keyword_test.py, value generated`,
    };
  }),
  // trufflehog pkg/detectors/openai/openai_test.go
  ...[
    ['openai.api-key: %s', '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'],
    ['OPENAI_API_KEY = "%s"', 'sk-proj-mpjtr05CFsJqs4TAeKlCT3BlbkFJsh1KtN0SUjTPeJiagE8K'],
    [
      'OPENAI_API_KEY = "%s"',
      'sk-service-account-name-Ofbtr05CFsJqs4TAeKlCT3BlbkFJsh1KtN0SUjTPeJiaglyC',
    ],
    [
      '"OPENAI_API_KEY = "%s"',
      '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',
    ],
    [
      'OPENAI_API_KEY = "%s"',
      'sk-svcacct-IUXtc5gIZK-2cBfB-nTgEWbD8mi-fi-gc20oGtq8ve51sET3BlbkFJCg8iQkCVz_nmE_q1dCWlMpemoaoMqHzQ6D-FnWGqlz4C8A',
    ],
    [
      'OPENAI_ADMIN_KEY = "%s"',
      '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',
    ],
  ].map(
    ([f, v]): CorpusCase => ({
      text: f!.replace('%s', v!),
      labels: secret('openai', v!),
      origin: `${TH} pkg/detectors/openai/openai_test.go`,
    }),
  ),
  // trufflehog pkg/detectors/jdbc/jdbc_test.go (a password in a JDBC URL is a connection_string secret)
  {
    text: '<jdbc-url>(jdbc:mysql://testuser:testpassword@tcp(localhost:1521)/testdb)</jdbc-url>',
    labels: secret('connection_string', 'testpassword'),
    origin: `${TH} pkg/detectors/jdbc/jdbc_test.go`,
  },
  {
    text: '"jdbc:mysql://user:pass@host:3306/db?param=1",',
    labels: secret('connection_string', 'pass'),
    origin: `${TH} pkg/detectors/jdbc/jdbc_test.go`,
  },
  {
    text: '"jdbc:postgresql://localhost:1521/testdb?sslmode=disable&password=testpassword&user=testuser"',
    labels: secret('connection_string', 'testpassword'),
    origin: `${TH} pkg/detectors/jdbc/jdbc_test.go`,
  },
  ...[
    '<jdbc-url>jdbc:postgresql://localhost:5432/postgres</jdbc-url>',
    '<jdbc-url>jdbc:postgresql://#{uri.host}#{uri.path}?user=#{uri.user}</jdbc-url>',
    '<jdbc-url>jdbc:sqlserver://localhost:1433;databaseName=AdventureWorks</jdbc-url>',
    '"jdbc:sqlite:/data/test.db", "jdbc:oracle:thin:@host:1521:db", "jdbc:db2://host:50000/db?param=1"',
    '"jdbc:xyz:short", "somejdbc:mysql://host/db", "jdbc:mysql://host/db>next"',
  ].map(
    (t): CorpusCase => ({ text: t, labels: [], origin: `${TH} pkg/detectors/jdbc/jdbc_test.go` }),
  ),
  {
    text: '<jdbc-url>postgresql://postgres:postgres@<your-connection-ip-address>:5432</jdbc-url>',
    labels: [],
    origin: `${TH} pkg/detectors/jdbc/jdbc_test.go${RELABEL}`,
  },
  {
    text: '<jdbc-url>jdbc:sqlserver://x.x.x.x:1433;databaseName=MY-DB;user=MY-USER;password=MY-PASSWORD;encrypt=false</jdbc-url>',
    labels: [],
    origin: `${TH} pkg/detectors/jdbc/jdbc_test.go${RELABEL}`,
  },
  // trufflehog pkg/detectors/github/v2/github_test.go
  {
    text: 'https://raw.github.com/k/d890e8640f20fba3215ba7be8e0ff145aeb8c17c/include/base64.js',
    labels: [],
    origin: `${TH} pkg/detectors/github/v2/github_test.go`,
  },
];

/**
 * Payment networks' published test card numbers (Stripe, PayPal/Braintree and Adyen
 * developer documentation). Luhn-valid by design; card-shaped data, so labelled positive.
 */
const TEST_CARDS = [
  '4111111111111111',
  '4012888888881881',
  '4222222222222',
  '4242424242424242',
  '4000056655665556',
  '5555555555554444',
  '5105105105105100',
  '5200828282828210',
  '2223003122003222',
  '2221000000000009',
  '378282246310005',
  '371449635398431',
  '378734493671000',
  '6011111111111117',
  '6011000990139424',
  '6011981111111113',
  '30569309025904',
  '38520000023237',
  '36227206271667',
  '3530111333300000',
  '3566002020360505',
  '3566111111111113',
  '6200000000000005',
  '6205500000000000004',
];

/** IBAN examples of the SWIFT IBAN Registry (one per country). */
const REGISTRY_IBANS = [
  'AD1200012030200359100100',
  'AE070331234567890123456',
  'AL47212110090000000235698741',
  'AT611904300234573201',
  'AZ21NABZ00000000137010001944',
  'BA391290079401028494',
  'BE68539007547034',
  'BG80BNBG96611020345678',
  'BH67BMAG00001299123456',
  'BR1800360305000010009795493C1',
  'CH9300762011623852957',
  'CR05015202001026284066',
  'CY17002001280000001200527600',
  'CZ6508000000192000145399',
  'DE89370400440532013000',
  'DK5000400440116243',
  'DO28BAGR00000001212453611324',
  'EE382200221020145685',
  'ES9121000418450200051332',
  'FI2112345600000785',
  'FO6264600001631634',
  'FR1420041010050500013M02606',
  'GB29NWBK60161331926819',
  'GE29NB0000000101904917',
  'GI75NWBK000000007099453',
  'GL8964710001000206',
  'GR1601101250000000012300695',
  'GT82TRAJ01020000001210029690',
  'HR1210010051863000160',
  'HU42117730161111101800000000',
  'IE29AIBK93115212345678',
  'IL620108000000099999999',
  'IS140159260076545510730339',
  'IT60X0542811101000000123456',
  'JO94CBJO0010000000000131000302',
  'KW81CBKU0000000000001234560101',
  'KZ86125KZT5004100100',
  'LB62099900000001001901229114',
  'LI21088100002324013AA',
  'LT121000011101001000',
  'LU280019400644750000',
  'LV80BANK0000435195001',
  'MC5811222000010123456789030',
  'MD24AG000225100013104168',
  'ME25505000012345678951',
  'MK07250120000058984',
  'MR1300020001010000123456753',
  'MT84MALT011000012345MTLCAST001S',
  'MU17BOMM0101101030300200000MUR',
  'NL91ABNA0417164300',
  'NO9386011117947',
  'PK36SCBL0000001123456702',
  'PL61109010140000071219812874',
  'PS92PALS000000000400123456702',
  'PT50000201231234567890154',
  'QA58DOHB00001234567890ABCDEFG',
  'RO49AAAA1B31007593840000',
  'RS35260005601001611379',
  'SA0380000000608010167519',
  'SE4550000000058398257466',
  'SI56263300012039086',
  'SK3112000000198742637541',
  'SM86U0322509800000000270100',
  'TN5910006035183598478831',
  'TR330006100519786457841326',
  'UA213223130000026007233566001',
  'VG96VPVG0000012345678901',
  'XK051212012345678906',
];

const PII_CASES: CorpusCase[] = [
  ...TEST_CARDS.map(
    (c): CorpusCase => ({
      text: `Use test card ${c} with any future expiry.`,
      labels: [{ type: 'credit_card', value: c }],
      origin: 'payment networks published test card numbers (Stripe/PayPal/Braintree/Adyen docs)',
    }),
  ),
  ...REGISTRY_IBANS.map(
    (i): CorpusCase => ({
      text: `Transfer to IBAN ${i} by Friday.`,
      labels: [{ type: 'iban', value: i }],
      origin: 'SWIFT IBAN Registry example',
    }),
  ),
  // Yelp/detect-secrets tests/plugins/email_address_test.py (valid/invalid partitions)
  ...[
    'user@example.com',
    'user.name@example.com',
    'user_name@example.com',
    'user-name@example.com',
    'user+name@example.com',
    'user.name+category@example.com',
    'user@gmail.com',
    'user@yahoo.com',
    'user@hotmail.com',
    'noreply@github.com',
    'git@github.com',
  ].map(
    (e): CorpusCase => ({
      text: `This is an email address: ${e}`,
      labels: [{ type: 'email', value: e }],
      origin: `${DS} tests/plugins/email_address_test.py`,
    }),
  ),
  ...['user@com', '@example.com', 'user@.com', 'user@ex..com'].map(
    (t): CorpusCase => ({
      text: t,
      labels: [],
      origin: `${DS} tests/plugins/email_address_test.py`,
    }),
  ),
  // Yelp/detect-secrets tests/plugins/ip_address_test.py (private addresses are labelled too: they map a network)
  ...[
    ['133.133.133.133', '133.133.133.133'],
    ['This line has an IP address 133.133.133.133@something else', '133.133.133.133'],
    ['133.133.133.133:8080', '133.133.133.133'],
    ['1.1.1.1', '1.1.1.1'],
    ['127.0.0.1', '127.0.0.1'],
    ['10.0.0.1', '10.0.0.1'],
    ['172.16.0.1', '172.16.0.1'],
    ['192.168.0.1', '192.168.0.1'],
  ].map(
    ([t, v]): CorpusCase => ({
      text: t!,
      labels: [{ type: 'ip', value: v! }],
      origin: `${DS} tests/plugins/ip_address_test.py`,
    }),
  ),
  ...['256.256.256.256', '1.2.3', 'noreply-github.com', 'github.com'].map(
    (t): CorpusCase => ({ text: t, labels: [], origin: `${DS} tests/plugins/ip_address_test.py` }),
  ),
];

/** Every case taken from public sources. */
export const PUBLIC_CASES: readonly CorpusCase[] = [...SECRET_CASES, ...PII_CASES];
