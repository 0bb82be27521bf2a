export { createRequestBudget, readBudgetSnapshot, DefaultRequestBudgetOptions, type BudgetSnapshot, type RequestBudgetOptions } from './budget.js';
