// Imported first by a test file that runs another file's tests with the server on PostgreSQL
// (startTestServer reads this when it starts a server).
process.env.COUNTERSIGN_TEST_STORE = 'postgres';
