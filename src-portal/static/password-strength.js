/* global window, document */
/*
 * Live strength meter for new-password fields, as progressive enhancement: without JavaScript the
 * form works the same and the server, the only judge, says what is missing (src-shared
 * passwordProblems). Any <input data-password-strength> gets a meter and a short text under it.
 *
 * `score` mirrors passwordScore() of src-shared/staff/password-policy.ts (0 to 4); a test checks
 * both agree on generated passwords, so change them together.
 */
(function (root) {
  'use strict';

  var MIN_LENGTH = 10;
  var LABELS = ['Trop faible', 'Faible', 'Moyen', 'Bon', 'Excellent'];

  function score(password) {
    if (password.length === 0) return 0;
    var classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter(function (re) {
      return re.test(password);
    }).length;
    var result = 0;
    if (password.length >= MIN_LENGTH) result++;
    if (password.length >= 14) result++;
    if (classes >= 3) result++;
    if (classes === 4 || password.length >= 20) result++;
    return result;
  }

  root.portalPasswordScore = score;

  if (typeof document === 'undefined') return;

  function describe(password) {
    if (password.length === 0) return 'Choisissez un mot de passe d’au moins ' + MIN_LENGTH + ' caractères.';
    var text = 'Force : ' + LABELS[score(password)] + '.';
    if (password.length < MIN_LENGTH) {
      text += ' Encore ' + (MIN_LENGTH - password.length) + ' caractère(s) au minimum.';
    }
    return text;
  }

  function enhance(input) {
    var box = document.createElement('div');
    box.className = 'strength';
    var meter = document.createElement('meter');
    meter.min = 0;
    meter.max = 4;
    meter.low = 2;
    meter.high = 3;
    meter.optimum = 4;
    meter.value = 0;
    meter.setAttribute('aria-hidden', 'true');
    var text = document.createElement('p');
    text.className = 'strength__text';
    text.id = input.id + '-strength';
    text.setAttribute('aria-live', 'polite');
    box.appendChild(meter);
    box.appendChild(text);
    input.insertAdjacentElement('afterend', box);
    var describedBy = input.getAttribute('aria-describedby');
    input.setAttribute('aria-describedby', (describedBy ? describedBy + ' ' : '') + text.id);

    function update() {
      meter.value = score(input.value);
      text.textContent = describe(input.value);
    }
    input.addEventListener('input', update);
    update();
  }

  function start() {
    var inputs = document.querySelectorAll('input[data-password-strength]');
    for (var i = 0; i < inputs.length; i++) enhance(inputs[i]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})(typeof window !== 'undefined' ? window : globalThis);
