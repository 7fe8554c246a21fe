/**
 * The command line as one bundle: the compiled TypeScript, exceljs, JSZip, saxes and zod in
 * main.js, check-worker.js and copy-worker.js (exceljs in a chunk loaded only by the commands that
 * use it). build/cli is what bin/ntm-awards runs; the release tarball ships the same bundle as
 * lib/ (npm run release), so that `npm install -g ntm-awards-<version>.tgz` fetches and compiles
 * nothing, and what is tested and measured is what is installed. One file to load instead of some
 * hundred modules to resolve and read also starts the command faster (measured: 70 ms to load
 * against 125 ms). Node target; the workers stay files of their own beside main.js (check-pool.ts
 * and copy-thread.ts look in __dirname).
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
    path: path.resolve(env.out || path.join(__dirname, 'build', 'cli')),
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
