/**
 * The command line as one bundle for the release tarball (npm run release): the compiled
 * TypeScript, exceljs, JSZip, saxes and zod in lib/main.js, lib/check-worker.js and lib/copy-worker.js, so that
 * `npm install -g ntm-awards-<version>.tgz` fetches and compiles nothing. Node target; the worker
 * stays a file of its own beside main.js (check-pool.ts and copy-thread.ts look in __dirname).
 */
const path = require('path');

module.exports = (env = {}) => ({
  mode: 'production',
  target: 'node20',
  devtool: false,
  entry: {
    main: './src/cli/main.ts',
    'check-worker': './src/cli/check-worker.ts',
    'copy-worker': './src/cli/copy-worker.ts',
  },
  output: {
    path: path.resolve(env.out || path.join(__dirname, 'build', 'cli-bundle')),
    filename: '[name].js',
    chunkFilename: '[name].js',
    library: { type: 'commonjs2' },
    clean: true,
  },
  // __dirname is the bundle's own folder at run time (where check-worker.js is).
  node: { __dirname: false, __filename: false },
  resolve: { extensions: ['.ts', '.js', '.json'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: 'ts-loader', options: { configFile: 'tsconfig.json', transpileOnly: true, compilerOptions: { module: 'es2020' } } },
      },
    ],
  },
  // Minifying exceljs's Node sources costs most of the build and saves little on disk: readable code,
  // and errors that name real functions.
  optimization: { minimize: false },
  performance: { hints: false },
  stats: 'errors-warnings',
});
