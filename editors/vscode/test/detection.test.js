'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { hasDalecSyntaxLine, isDalecSpec, matchesGlob } = require('../out/detection');

test('the syntax line names Dalec frontend images, old and new', () => {
  assert.ok(hasDalecSyntaxLine('# syntax=ghcr.io/project-dalec/dalec/frontend:latest'));
  assert.ok(hasDalecSyntaxLine('#syntax = ghcr.io/azure/dalec/frontend:0.9'));
  assert.ok(!hasDalecSyntaxLine('# syntax=docker/dockerfile:1'));
  assert.ok(!hasDalecSyntaxLine('name: x'));
});

test('specs by name, first line or user glob', () => {
  assert.ok(isDalecSpec('/w/app.dalec.yml', 'name: x', []));
  assert.ok(isDalecSpec('/w/app.yml', '# syntax=ghcr.io/project-dalec/dalec/frontend:latest', []));
  assert.ok(!isDalecSpec('/w/compose.yml', 'services: {}', []));
  assert.ok(isDalecSpec('/w/packaging/runc.yml', 'name: runc', ['packaging/*.yml']));
  assert.ok(isDalecSpec('/w/deep/packaging/runc.yml', 'name: runc', ['**/packaging/*.yml']));
  assert.ok(!isDalecSpec('/w/other/runc.yml', 'name: runc', ['packaging/*.yml']));
  assert.ok(matchesGlob('/w/x/spec.yaml', 'spec.yaml'));
});
