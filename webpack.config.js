/* eslint-disable no-undef */
const fs = require("fs");
const os = require("os");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

/** Where `npm start` serves the add-in during development; the manifest in the repo points here. */
const urlDev = "https://localhost:3000/";

/** A configuration mistake for the user to fix: webpack-cli prints it without a stack trace. */
function configError(message) {
  const error = new Error(message);
  error.stack = `Error: ${message}`;
  return error;
}

/**
 * The production hosting URL, from configuration: the ADDIN_URL environment variable, or
 * `npm pkg set config.addin_url=https://…/`. A production build without one fails, rather than ship a
 * manifest that points at a host nobody runs.
 */
function productionUrl() {
  const url = process.env.ADDIN_URL || process.env.npm_package_config_addin_url;
  if (!url) {
    throw configError(
      "No hosting URL for the production manifest. Build with ADDIN_URL=https://your.host/path/ npm run build " +
        "(or set it once: npm pkg set config.addin_url=https://your.host/path/). For development use npm run build:dev."
    );
  }
  if (!/^https:\/\/[^/]+/.test(url))
    throw configError(`ADDIN_URL must be an https:// URL; got ${url}`);
  return url.endsWith("/") ? url : url + "/";
}

/** Development certificates written by office-addin-dev-certs (scripts/start.mjs creates them). */
function httpsOptions() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const file = (name) => path.join(dir, name);
  if (!fs.existsSync(file("localhost.crt"))) {
    throw configError(`No development certificate in ${dir}: run npm start, which creates one.`);
  }
  return {
    ca: fs.readFileSync(file("ca.crt")),
    cert: fs.readFileSync(file("localhost.crt")),
    key: fs.readFileSync(file("localhost.key")),
  };
}

module.exports = (env, options) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const urlProd = dev ? urlDev : productionUrl();
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        // Only what the bundles import: tests and scripts are type-checked by `tsc --noEmit` in npm test.
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "ts-loader",
          options: { onlyCompileBundledFiles: true },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the task pane page also hosts the custom functions.
        chunks: ["functions", "taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/taskpane/home.html",
        chunks: [],
      }),
      new HtmlWebpackPlugin({
        filename: "support.html",
        template: "./src/taskpane/support.html",
        chunks: [],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            // Every occurrence, not just the first (the template's replace() bug).
            transform: (content) =>
              dev ? content : content.toString().split(urlDev).join(urlProd),
          },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: serving
      ? {
          host: "localhost",
          port: Number(process.env.npm_package_config_dev_server_port || 3000),
          hot: false,
          liveReload: false,
          client: false,
          static: false,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: httpsOptions() },
        }
      : undefined,
  };
};
