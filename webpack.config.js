/**
 * Add-in build: one page (taskpane.html) hosts both the custom functions and the task pane, because
 * the manifest asks for a shared runtime. `npm run build` needs no certificates; only
 * `webpack serve` (npm run dev-server / npm start) reads the localhost certificates that
 * `npx office-addin-dev-certs install` puts in ~/.office-addin-dev-certs. The Office tools are run
 * through npx on demand, not installed: they pull native modules (keytar) that `npm ci` would have
 * to compile on every machine, including the ones that never sideload.
 */
const path = require('path');
const fs = require('fs');
const { sources } = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

const FUNCTIONS_INPUT = './src/functions/functions.ts';
/** The address the manifests are written for during development (npm run dev-server). */
const DEV_BASE_URL = 'https://localhost:3000/';
const PACKAGE_VERSION = require('./package.json').version;

/**
 * The address the add-in is served from: `--env baseUrl=…` (what `npm run build -- --base-url …`
 * passes), else NTM_BASE_URL, else localhost. Always ends with "/"; only https (Office loads
 * add-ins over HTTPS only).
 */
function baseUrl(env) {
  const given = (env && env.baseUrl) || process.env.NTM_BASE_URL || DEV_BASE_URL;
  let url;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`Địa chỉ không hợp lệ: "${given}" — cần dạng https://may-chu.vn/ntm/ (not a URL)`);
  }
  if (url.protocol !== 'https:' || url.search || url.hash) {
    throw new Error(`Địa chỉ phải là https://…, không có ? hay #: "${given}" (Office loads add-ins over HTTPS only)`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * A manifest as it ships: every localhost URL moved under the release's address and <Version>
 * following package.json (Office wants four parts). The <Id> is never touched: it names the add-in
 * across versions.
 */
function releaseManifest(xml, base) {
  const [major, minor, patch] = PACKAGE_VERSION.split(/[.+-]/).map((n) => Number(n) || 0);
  return xml
    .split(DEV_BASE_URL)
    .join(base)
    .replace(/<Version>[^<]*<\/Version>/, `<Version>${major}.${minor}.${patch}.0</Version>`);
}

const VI_TRANSLATIONS = './src/functions/functions.vi-VN.json';

/**
 * Writes functions.vi-VN.json from the generated functions.json and the translation table, so the
 * Vietnamese metadata can never drift from the code: same ids, same parameters. A function or
 * parameter without a translation fails the build instead of shipping English to Vietnamese Office.
 */
class LocalizedMetadataPlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    const name = 'LocalizedMetadataPlugin';
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name, stage: compilation.constructor.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const source = compilation.getAsset(this.options.source);
          if (!source) return; // metadata generation failed; that plugin already reported why
          const file = path.resolve(this.options.translations);
          compilation.fileDependencies.add(file);
          try {
            const table = JSON.parse(fs.readFileSync(file, 'utf8'));
            const metadata = localize(JSON.parse(source.source.source().toString()), table);
            compilation.emitAsset(this.options.output, new sources.RawSource(JSON.stringify(metadata, null, 2)));
          } catch (err) {
            compilation.errors.push(new compilation.compiler.webpack.WebpackError(`${this.options.translations}: ${err.message}`));
          }
        },
      );
    });
  }
}

function localize(metadata, table) {
  return {
    ...metadata,
    functions: metadata.functions.map((fn) => {
      const t = table[fn.id];
      if (!t || !t.name || !t.description) throw new Error(`no Vietnamese name/description for ${fn.id}`);
      return {
        ...fn,
        name: t.name,
        description: t.description,
        parameters: (fn.parameters || []).map((p) => {
          const vi = t.parameters && t.parameters[p.name];
          if (!vi || !vi.name || !vi.description) throw new Error(`no Vietnamese name/description for ${fn.id}(${p.name})`);
          return { ...p, name: vi.name, description: vi.description };
        }),
      };
    }),
  };
}

/**
 * exceljs arrives already minified (its browser build); minifying its ~1 MB again would take most
 * of the build's time for nothing, so the chunk that holds it is marked as minimized.
 */
class SkipPreminifiedPlugin {
  apply(compiler) {
    const name = 'SkipPreminifiedPlugin';
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap({ name, stage: compilation.constructor.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE - 1 }, (assets) => {
        for (const file of Object.keys(assets)) {
          if (/^exceljs\.js$/.test(file)) compilation.updateAsset(file, (source) => source, { minimized: true });
        }
      });
    });
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const base = baseUrl(env);
  const manifest = (to) => ({ from: to, to, transform: (content) => releaseManifest(content.toString(), base) });
  const config = {
    devtool: dev ? 'source-map' : false,
    entry: {
      functions: FUNCTIONS_INPUT,
      taskpane: './src/taskpane/taskpane.ts',
      // The page outside Excel (index.html): no office.js at all, usable at once offline.
      page: './src/taskpane/page.ts',
    },
    output: {
      // A release builds elsewhere (--env outDir=…), so the dist/ the tests read stays the development build.
      path: path.resolve(__dirname, (env && env.outDir) || 'dist'),
      filename: '[name].js',
      chunkFilename: '[name].js',
      // Chunks beside the page that loads them; never guessed from the running script, which an
      // inlined script (the one-file page) does not have.
      publicPath: '',
      clean: true,
    },
    optimization: {
      splitChunks: {
        cacheGroups: {
          // One exceljs.js for both: loaded on demand by the pane, at start by the page (index.html).
          exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: 'exceljs', chunks: 'all', enforce: true },
        },
      },
    },
    resolve: {
      extensions: ['.ts', '.js', '.json'],
      // exceljs's browser build, so the pane bundle needs no Node polyfills.
      alias: { exceljs: 'exceljs/dist/exceljs.min.js' },
    },
    module: {
      // A self-contained UMD bundle: nothing in it for webpack to resolve.
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // ES modules let webpack drop what the bundles do not use (most of zod, e.g. its 60 locales).
            options: { configFile: 'tsconfig.json', transpileOnly: true, compilerOptions: { module: 'es2020' } },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: FUNCTIONS_INPUT }),
      new LocalizedMetadataPlugin({ source: 'functions.json', output: 'functions.vi-VN.json', translations: VI_TRANSLATIONS }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['functions', 'taskpane'],
        office: true,
      }),
      new HtmlWebpackPlugin({
        filename: 'index.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['page'],
        office: false,
      }),
      new SkipPreminifiedPlugin(),
      new CopyWebpackPlugin({
        patterns: [
          // The icon generator stays in the repository, not in the add-in.
          { from: 'assets', to: 'assets', globOptions: { ignore: ['**/*.js'] } },
          manifest('manifest.xml'),
          // Excel 2016/2019 (no shared runtime): the task pane alone.
          manifest('manifest-excel2016.xml'),
          // taskpane.html links its stylesheet; no CSS loader needed for one file.
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css', noErrorOnMissing: true },
        ],
      }),
    ],
    // The pane carries exceljs (large by nature); the functions budget is checked by tests/functions.
    performance: { hints: false },
    devServer: {
      port: 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
    },
  };
  if (serving) {
    const dir = path.join(require('os').homedir(), '.office-addin-dev-certs');
    const file = (name) => path.join(dir, name);
    if (!['localhost.crt', 'localhost.key', 'ca.crt'].every((n) => fs.existsSync(file(n)))) {
      throw new Error(
        `Chưa có chứng chỉ localhost trong ${dir}: chạy "npx office-addin-dev-certs install" rồi thử lại. ` +
          '(No localhost certificate: run "npx office-addin-dev-certs install".)',
      );
    }
    config.devServer.server = {
      type: 'https',
      options: { ca: fs.readFileSync(file('ca.crt')), cert: fs.readFileSync(file('localhost.crt')), key: fs.readFileSync(file('localhost.key')) },
    };
  }
  return config;
};

